package io.procmesh.launcher.gateway;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One topology route: binds the request to the operation's arguments ({@link ArgumentBinder}) and calls it,
 * answering the route's success status. A route whose arguments are all bound by its path and query never reads
 * the body.
 */
final class OperationEndpoint implements Endpoint
{
    private static final byte[] NO_BODY = new byte[0];

    private final MeshCaller caller;
    private final CallTarget target;
    private final ArgumentBinder binder;
    private final int successStatus;
    private final boolean alwaysReadBody;

    /**
     * @param alwaysReadBody read the body even when every argument is bound without it, so a body where none is
     *                       expected is a 400 ({@code /rpc}, where the body is the only input) rather than ignored.
     */
    OperationEndpoint(final MeshCaller caller, final CallTarget target, final ArgumentBinder binder,
        final int successStatus, final boolean alwaysReadBody)
    {
        this.alwaysReadBody = alwaysReadBody;
        this.caller = caller;
        this.target = target;
        this.binder = binder;
        this.successStatus = successStatus;
    }

    CallTarget target()
    {
        return target;
    }

    ArgumentBinder binder()
    {
        return binder;
    }

    int successStatus()
    {
        return successStatus;
    }

    @Override
    public void handle(final Request request, final Response response, final Callback callback, final String[] path)
    {
        final Fields query = query(request);
        if (alwaysReadBody || binder.takesBody())
        {
            caller.callWithBody(request, target, body -> binder.bind(path, query, body), successStatus, response,
                callback);
            return;
        }
        try
        {
            caller.call(target, binder.bind(path, query, NO_BODY), successStatus, response, callback);
        }
        catch (final GatewayException ex)
        {
            throw new GatewayException(ex.error().withTarget(target.service(), target.operation()), ex);
        }
    }

    /**
     * @return the request's query parameters, or null when it has no query.
     * @throws GatewayException 400 for a query Jetty cannot decode (a bad %-escape), not a gateway error.
     */
    static Fields query(final Request request)
    {
        if (request.getHttpURI().getQuery() == null)
        {
            return null;
        }
        try
        {
            return Request.extractQueryParameters(request);
        }
        catch (final RuntimeException ex)
        {
            throw new GatewayException(GatewayError.badRequest("query", "malformed query string"), ex);
        }
    }
}
