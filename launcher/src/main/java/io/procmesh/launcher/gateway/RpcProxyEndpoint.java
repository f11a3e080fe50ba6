package io.procmesh.launcher.gateway;

import io.procmesh.core.config.Names;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.regex.Pattern;

/**
 * {@code POST /rpc/{service}/{operation}}: calls any registered service through procmesh's untyped JSON path.
 * The body is the argument as the service expects it (one value, a JSON array for several, empty for none); it is
 * checked to be well-formed JSON here and otherwise passed through untouched. The reply JSON is returned as is.
 */
final class RpcProxyEndpoint
{
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (Names.MAX_LENGTH - 1) + "}");
    private static final Pattern OPERATION = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,127}");

    private final MeshCaller caller;
    private final CallTargets targets;
    private final JsonRequestDecoder decoder;

    RpcProxyEndpoint(final MeshCaller caller, final CallTargets targets, final JsonRequestDecoder decoder)
    {
        this.caller = caller;
        this.targets = targets;
        this.decoder = decoder;
    }

    void routes(final RouteTable.Builder routes)
    {
        routes.add("POST", "/rpc/{service}/{operation}", this::call);
    }

    private void call(final Request request, final Response response, final Callback callback, final String[] path)
    {
        final String service = path[0];
        final String operation = path[1];
        if (!SERVICE.matcher(service).matches())
        {
            throw new GatewayException(GatewayError.notFound("'" + service + "' is not a valid service name"));
        }
        if (!OPERATION.matcher(operation).matches())
        {
            throw new GatewayException(GatewayError.notFound("'" + operation + "' is not a valid operation name")
                .withTarget(service, operation));
        }
        final CallTarget target = targets.proxyTarget(service, operation);
        if (target == null)
        {
            throw new GatewayException(GatewayError.notFound("no service named '" + service + "' is registered")
                .withTarget(service, operation));
        }
        caller.callWithBody(request, target, body ->
        {
            decoder.requireWellFormed(body);
            return payload -> payload.write(body);
        }, 200, response, callback);
    }
}
