package io.procmesh.services.notification;

import io.procmesh.core.service.ServiceContext;
import io.procmesh.core.store.StoreOptions;
import io.procmesh.services.order.OrderCreated;
import io.procmesh.core.store.KeyValueStore;

import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;

/**
 * One notification per order, keyed by order id, so an event handled twice still leaves one notification.
 */
public final class NotificationService implements NotificationApi
{
    private final KeyValueStore<Notification> notifications;
    private final InstantSource clock;

    /**
     * The deployed service: store {@code notifications}, subscribed to {@link OrderCreated#TOPIC}.
     */
    public NotificationService(final ServiceContext context)
    {
        this(context.store("notifications", Notification.class, StoreOptions.of(200_000, 256)),
            InstantSource.system());
        context.subscribe(OrderCreated.TOPIC, OrderCreated.class, this::onOrderCreated);
    }

    /**
     * For in-process tests: the test calls {@link #onOrderCreated} itself.
     */
    public NotificationService(final KeyValueStore<Notification> notifications, final InstantSource clock)
    {
        this.notifications = notifications;
        this.clock = clock;
    }

    public void onOrderCreated(final OrderCreated event)
    {
        final String message = "Order " + event.orderId() + " for " + event.quantity() + " x " + event.item() +
            " was created";
        notifications.putIfAbsent(event.orderId(),
            new Notification("n-" + event.orderId(), event.orderId(), event.userId(), message, clock.millis()));
    }

    @Override
    public List<Notification> listByUser(final String userId)
    {
        final List<Notification> found = notifications.find(n -> n.userId().equals(userId));
        found.sort(Comparator.comparingLong(Notification::createdAtMs).thenComparing(Notification::id));
        return found;
    }

    @Override
    public List<Notification> list()
    {
        final List<Notification> all = notifications.find(n -> true);
        all.sort(Comparator.comparingLong(Notification::createdAtMs).thenComparing(Notification::id));
        return all;
    }
}
