package io.procmesh.services.notification;

import io.procmesh.services.ServedRequest.ManualClock;
import io.procmesh.services.order.OrderCreated;
import io.procmesh.services.MemoryStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * NotificationService's logic in-process: one notification per order, however often its event is handled.
 */
class NotificationServiceTest
{
    private final MemoryStore<Notification> store = new MemoryStore<>();
    private final ManualClock clock = new ManualClock(50L);
    private final NotificationService service = new NotificationService(store, clock);

    @Test
    void shouldKeepOneNotificationPerOrderWhenAnEventIsHandledTwice()
    {
        service.onOrderCreated(new OrderCreated("o-1", "u-1", "book", 2));
        clock.advanceMs(100);
        service.onOrderCreated(new OrderCreated("o-1", "u-1", "book", 2));

        assertEquals(List.of(new Notification("n-o-1", "o-1", "u-1", "Order o-1 for 2 x book was created", 50L)),
            service.listByUser("u-1"));
    }

    @Test
    void shouldListOneUsersNotificationsOldestFirst()
    {
        service.onOrderCreated(new OrderCreated("o-2", "u-1", "pen", 1));
        clock.advanceMs(1);
        service.onOrderCreated(new OrderCreated("o-1", "u-1", "ink", 1));
        service.onOrderCreated(new OrderCreated("o-3", "u-2", "cup", 1));

        assertEquals(List.of("n-o-2", "n-o-1"), service.listByUser("u-1").stream().map(Notification::id).toList());
        assertEquals(3, service.list().size());
    }
}
