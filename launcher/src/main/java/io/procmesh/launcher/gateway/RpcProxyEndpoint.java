package io.procmesh.launcher.gateway;

import io.procmesh.core.config.Names;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /rpc/{service}/{operation}}: calls an operation the topology's {@code expose:} list names, bound
 * from the body as any route binds it (one argument is its JSON, several a JSON object by name or a JSON array
 * by position, none an empty body), as strictly. Anything not exposed is a 404 that names only what was asked
 * for: what is exposed, or exists, is not listed.
 */
final class RpcProxyEndpoint
{
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (Names.MAX_LENGTH - 1) + "}");
    private static final Pattern OPERATION = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,127}");

    private final Map<String, OperationEndpoint> exposed;

    RpcProxyEndpoint(final Map<String, OperationEndpoint> exposed)
    {
        this.exposed = exposed;
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
        final OperationEndpoint endpoint = exposed.get(service + "." + operation);
        if (endpoint == null)
        {
            throw new GatewayException(GatewayError.notFound("no operation '" + operation + "' of service '" +
                service + "' is exposed at /rpc").withTarget(service, operation));
        }
        endpoint.handle(request, response, callback, Route.NO_PARAMETERS);
    }
}
