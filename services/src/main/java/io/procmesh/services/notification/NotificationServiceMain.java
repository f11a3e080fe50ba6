package io.procmesh.services.notification;

import io.procmesh.core.service.ServiceHost;
import io.procmesh.services.ServiceRunner;
import io.procmesh.services.order.OrderCreated;
import io.procmesh.services.store.JsonStore;

import java.time.InstantSource;

public final class NotificationServiceMain
{
    public static void main(final String[] args) throws Exception
    {
        ServiceRunner.run(NotificationApi.SERVICE, mesh ->
        {
            final JsonStore<Notification> notifications = JsonStore.open(
                mesh.context().dataDirectory().state(NotificationApi.SERVICE).resolve("notifications.cm"),
                Notification.class, 200_000, 256, mesh.context().json().mapper());
            final NotificationService service = new NotificationService(notifications, InstantSource.system());
            return new ServiceRunner.Setup(
                new ServiceHost.Context()
                    .handler(NotificationApi.class, service)
                    .subscribe(OrderCreated.TOPIC, OrderCreated.class, service::onOrderCreated),
                notifications);
        });
    }
}
