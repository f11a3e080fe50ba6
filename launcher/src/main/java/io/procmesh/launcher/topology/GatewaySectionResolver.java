package io.procmesh.launcher.topology;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the topology's {@code gateway:} section into a {@link GatewayDefinition}: each route's {@code call}
 * names a declared service and an operation, its method is one the gateway serves, its status is a success
 * status. Whether the operation exists on the service's api is the gateway's check at start (it loads the api).
 */
final class GatewaySectionResolver
{
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final int DEFAULT_PORT = 8080;

    private final String source;

    GatewaySectionResolver(final String source)
    {
        this.source = source;
    }

    GatewayDefinition resolve(final TopologyDocument.GatewayEntry entry, final List<ServiceDefinition> services)
    {
        if (entry == null)
        {
            return null;
        }
        final int port = entry.port() == null ? DEFAULT_PORT : entry.port().value();
        if (port < 0 || port > 65_535)
        {
            throw new TopologyException(entry.port().mark(source), "gateway.port must be 0..65535, was " + port);
        }
        final List<RouteDefinition> routes = new ArrayList<>();
        final Set<String> seen = new LinkedHashSet<>();
        for (final TopologyDocument.RouteEntry route : entry.routes() == null ?
            List.<TopologyDocument.RouteEntry>of() : entry.routes())
        {
            final RouteDefinition definition = route(route, services);
            if (!seen.add(definition.method() + " " + definition.path()))
            {
                throw new TopologyException(definition.mark(), "gateway route " + definition.method() + " " +
                    definition.path() + " is declared twice");
            }
            routes.add(definition);
        }
        final Set<String> expose = new LinkedHashSet<>();
        for (final Located<String> call : entry.expose() == null ? List.<Located<String>>of() : entry.expose())
        {
            final String[] parts = call(call, services);
            expose.add(parts[0] + "." + parts[1]);
        }
        return new GatewayDefinition(port, routes, expose);
    }

    private RouteDefinition route(final TopologyDocument.RouteEntry route, final List<ServiceDefinition> services)
    {
        if (route.method() == null || route.path() == null || route.call() == null)
        {
            final Located<?> any = route.method() != null ? route.method() :
                route.path() != null ? route.path() : route.call();
            final SourceMark mark = any == null ? new SourceMark(source, 0, 0) : any.mark(source);
            throw new TopologyException(mark, "a gateway route needs method, path and call");
        }
        final String method = route.method().value().trim();
        if (!METHODS.contains(method))
        {
            throw new TopologyException(route.method().mark(source),
                "gateway route method must be one of " + METHODS + ", was '" + method + "'");
        }
        final String path = route.path().value().trim();
        if (!path.startsWith("/"))
        {
            throw new TopologyException(route.path().mark(source), "gateway route path must start with '/': " + path);
        }
        final String[] call = call(route.call(), services);
        final int status = route.status() == null ? 200 : route.status().value();
        if (status < 200 || status > 299)
        {
            throw new TopologyException(route.status().mark(source),
                "gateway route status must be a success status (200..299), was " + status);
        }
        return new RouteDefinition(method, path, call[0], call[1], status, route.method().mark(source));
    }

    private String[] call(final Located<String> call, final List<ServiceDefinition> services)
    {
        final String text = call.value() == null ? "" : call.value().trim();
        final int dot = text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1)
        {
            throw new TopologyException(call.mark(source), "expected service.operation, was '" + text + "'");
        }
        final String service = text.substring(0, dot);
        for (final ServiceDefinition declared : services)
        {
            if (declared.name().equals(service))
            {
                return new String[]{service, text.substring(dot + 1)};
            }
        }
        throw new TopologyException(call.mark(source), "'" + text + "' names no declared service '" + service + "'");
    }
}
