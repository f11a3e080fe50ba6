package io.procmesh.services.order;

import io.procmesh.core.event.EventPublisher;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.services.ServiceRunner;
import io.procmesh.services.store.JsonStore;
import io.procmesh.services.user.UserApi;
import io.procmesh.services.user.UserAsyncApi;

import java.time.InstantSource;

public final class OrderServiceMain
{
    public static void main(final String[] args) throws Exception
    {
        ServiceRunner.run(OrderApi.SERVICE, mesh ->
        {
            final JsonStore<Order> orders = JsonStore.open(
                mesh.context().dataDirectory().state(OrderApi.SERVICE).resolve("orders.cm"),
                Order.class, 200_000, 192, mesh.context().json().mapper());
            final EventPublisher events = mesh.publisher(OrderCreated.TOPIC);
            final UserAsyncApi users = mesh.proxy(UserAsyncApi.class, UserApi.SERVICE);
            return new ServiceRunner.Setup(
                new ServiceHost.Context().handler(OrderApi.class, new OrderService(orders, users, events::publish, InstantSource.system())),
                orders);
        });
    }
}
