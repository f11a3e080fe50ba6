package io.procmesh.launcher.gateway;

import io.procmesh.services.notification.NotificationApi;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/notifications[?userId=]} on the notification service. Notifications follow orders
 * asynchronously (through the "orders" topic), so a client polls for them.
 */
final class NotificationEndpoints
{
    private final MeshCaller caller;
    private final CallTarget list;
    private final CallTarget listByUser;

    NotificationEndpoints(final MeshCaller caller, final CallTargets targets)
    {
        this.caller = caller;
        this.list = targets.target(NotificationApi.SERVICE, "list");
        this.listByUser = targets.target(NotificationApi.SERVICE, "listByUser");
    }

    void routes(final RouteTable.Builder routes)
    {
        routes.add("GET", "/api/notifications", this::list);
    }

    private void list(final Request request, final Response response, final Callback callback, final String[] path)
    {
        final String userId = QueryParameters.optional(request, "userId");
        if (userId == null)
        {
            caller.call(list, MeshCaller.NO_ARGUMENT, 200, response, callback);
        }
        else
        {
            caller.call(listByUser, payload -> JsonStrings.write(userId, payload), 200, response, callback);
        }
    }
}
