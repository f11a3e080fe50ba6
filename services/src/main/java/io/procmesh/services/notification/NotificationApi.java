package io.procmesh.services.notification;

import java.util.List;

/**
 * The notification service, service name {@value #SERVICE}. It also consumes
 * {@link io.procmesh.services.order.OrderCreated} events.
 */
public interface NotificationApi
{
    String SERVICE = "notification";

    List<Notification> listByUser(String userId);

    List<Notification> list();
}
