package io.procmesh.launcher.gateway;

import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.services.user.CreateUserRequest;
import io.procmesh.services.user.UserApi;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /api/users}: create (201), get by id (200 or 404) and list, on the user service.
 */
final class UserEndpoints
{
    private final MeshCaller caller;
    private final JsonRequestDecoder decoder;
    private final JsonPayloads json;
    private final CallTarget create;
    private final CallTarget get;
    private final CallTarget list;

    UserEndpoints(final MeshCaller caller, final JsonRequestDecoder decoder, final JsonPayloads json,
        final CallTargets targets)
    {
        this.caller = caller;
        this.decoder = decoder;
        this.json = json;
        this.create = targets.target(UserApi.SERVICE, "create");
        this.get = targets.target(UserApi.SERVICE, "get");
        this.list = targets.target(UserApi.SERVICE, "list");
    }

    void routes(final RouteTable.Builder routes)
    {
        routes.add("POST", "/api/users", this::create)
            .add("GET", "/api/users", this::list)
            .add("GET", "/api/users/{id}", this::get);
    }

    private void create(final Request request, final Response response, final Callback callback, final String[] path)
    {
        caller.callWithBody(request, create, body ->
        {
            final CreateUserRequest user = decoder.decode(body, CreateUserRequest.class);
            return payload -> json.write(user, payload);
        }, 201, response, callback);
    }

    private void get(final Request request, final Response response, final Callback callback, final String[] path)
    {
        final String id = path[0];
        caller.call(get, payload -> JsonStrings.write(id, payload), 200, response, callback);
    }

    private void list(final Request request, final Response response, final Callback callback, final String[] path)
    {
        caller.call(list, MeshCaller.NO_ARGUMENT, 200, response, callback);
    }
}
