package io.procmesh.launcher.gateway;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The gateway's Jetty handler: finds the route, answers 404 or 405 itself, and hands the exchange to the
 * endpoint. It always takes the request (returns true) and never lets an exception reach Jetty, so every
 * answer, including a failure inside an endpoint, is the gateway's JSON error.
 * <p>
 * Declared non-blocking, which is true: no endpoint waits for I/O or a reply (a call appends to an inbox and
 * returns; bodies are read on demand). Jetty may then run it on the thread that parsed the request instead of
 * dispatching each request to the pool, which in a hello-world measured here cut Jetty's CPU per request by
 * about a third. Endpoints with heavier CPU work are wrapped in {@link OffloadedEndpoint}.
 */
final class Router extends Handler.Abstract.NonBlocking
{
    private final RouteTable routes;
    private final HttpResponses responses;
    private final ErrorMapper errors;

    Router(final RouteTable routes, final HttpResponses responses, final ErrorMapper errors)
    {
        this.routes = routes;
        this.responses = responses;
        this.errors = errors;
    }

    @Override
    public boolean handle(final Request request, final Response response, final Callback callback)
    {
        final String path = Request.getPathInContext(request);
        final String method = request.getMethod();
        final RouteTable.Result found = path == null ? null : routes.find(path);
        if (found == null)
        {
            responses.error(response, callback, GatewayError.notFound("no route for " + method + " " + path));
            return true;
        }
        final Endpoint endpoint = found.route().endpoint(method);
        if (endpoint == null)
        {
            responses.error(response, callback, GatewayError.methodNotAllowed(method, path, found.route().allow()));
            return true;
        }
        try
        {
            endpoint.handle(request, response, callback, found.parameters());
        }
        catch (final Exception ex)
        {
            responses.error(response, callback, errors.map(ex, null, null));
        }
        return true;
    }
}
