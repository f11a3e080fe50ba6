package io.procmesh.launcher.gateway;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The gateway's Jetty handler: puts the secure headers on every answer, refuses what {@link RequestChecks} refuses,
 * finds the route, answers 404 or 405 itself, and hands the exchange to the endpoint. It always takes the request (returns true) and never lets an exception reach Jetty, so every
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
    private final long maxBodyBytes;
    private final RequestChecks checks;

    Router(final RouteTable routes, final HttpResponses responses, final ErrorMapper errors, final long maxBodyBytes,
        final RequestChecks checks)
    {
        this.routes = routes;
        this.responses = responses;
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
        this.checks = checks;
    }

    @Override
    public boolean handle(final Request request, final Response response, final Callback callback)
    {
        final HttpFields.Mutable headers = response.getHeaders();
        for (final HttpField secure : RequestChecks.SECURE_HEADERS)
        {
            headers.add(secure);
        }
        final GatewayError refused = checks.refusal(request);
        if (refused != null)
        {
            errorAfterBody(request, response, callback, refused);
            return true;
        }
        final String path = Request.getPathInContext(request);
        final String method = request.getMethod();
        final RouteTable.Result found = path == null ? null : routes.find(path);
        if (found == null)
        {
            errorAfterBody(request, response, callback, GatewayError.notFound("no route for " + method + " " + path));
            return true;
        }
        final Endpoint endpoint = found.route().endpoint(method);
        if (endpoint == null)
        {
            errorAfterBody(request, response, callback,
                GatewayError.methodNotAllowed(method, path, found.route().allow()));
            return true;
        }
        try
        {
            endpoint.handle(request, response, callback, found.parameters());
        }
        catch (final Exception ex)
        {
            errorAfterBody(request, response, callback, errors.map(ex, null, null));
        }
        return true;
    }

    /**
     * Answers once the request's body is all read. Answered from the headers alone, Jetty closes the connection when
     * the body is not all in by the end of the exchange, but the response went out without "Connection: close": a
     * client that sent its next request on that connection got no answer (GatewayTopologyRoutesTest). A body of
     * unknown length or over the limit is not waited for: that connection may close.
     */
    private void errorAfterBody(final Request request, final Response response, final Callback callback,
        final GatewayError error)
    {
        final long length = request.getLength();
        if (length <= 0 || length > maxBodyBytes)
        {
            responses.error(response, callback, error);
            return;
        }
        Content.Source.consumeAll(request, Callback.from(
            () -> responses.error(response, callback, error),
            unreadable -> responses.error(response, callback, error)));
    }
}
