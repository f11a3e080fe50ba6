package io.procmesh.launcher.gateway;

import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.services.order.CreateOrderRequest;
import io.procmesh.services.order.OrderApi;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /api/orders}: create (201; an unknown user is 422, a quantity below 1 is 400), get by id, and list,
 * all or by {@code ?userId=}, on the order service.
 */
final class OrderEndpoints
{
    private final MeshCaller caller;
    private final JsonRequestDecoder decoder;
    private final JsonPayloads json;
    private final CallTarget create;
    private final CallTarget get;
    private final CallTarget list;
    private final CallTarget listByUser;

    OrderEndpoints(final MeshCaller caller, final JsonRequestDecoder decoder, final JsonPayloads json,
        final CallTargets targets)
    {
        this.caller = caller;
        this.decoder = decoder;
        this.json = json;
        this.create = targets.target(OrderApi.SERVICE, "create");
        this.get = targets.target(OrderApi.SERVICE, "get");
        this.list = targets.target(OrderApi.SERVICE, "list");
        this.listByUser = targets.target(OrderApi.SERVICE, "listByUser");
    }

    void routes(final RouteTable.Builder routes)
    {
        routes.add("POST", "/api/orders", this::create)
            .add("GET", "/api/orders", this::list)
            .add("GET", "/api/orders/{id}", this::get);
    }

    private void create(final Request request, final Response response, final Callback callback, final String[] path)
    {
        caller.callWithBody(request, create, body ->
        {
            final CreateOrderRequest order = decoder.decode(body, CreateOrderRequest.class);
            if (order.quantity() != null && order.quantity() < 1)
            {
                // Checked here as well as in the service: a bad quantity is a 400 even while the service is down.
                throw new GatewayException(GatewayError.badRequest("quantity",
                    "'quantity' must be at least 1, was " + order.quantity()));
            }
            return payload -> json.write(order, payload);
        }, 201, response, callback);
    }

    private void get(final Request request, final Response response, final Callback callback, final String[] path)
    {
        final String id = path[0];
        caller.call(get, payload -> JsonStrings.write(id, payload), 200, response, callback);
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
