package io.procmesh.launcher.gateway;

import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.launcher.topology.GatewayDefinition;
import io.procmesh.launcher.topology.RouteDefinition;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The topology's {@code gateway:} section checked against the services' api classes, before the gateway joins
 * the mesh: every route's template parses, its operation exists, and its path and query parameters name
 * arguments of the operation; every {@code expose} entry names an operation. A problem is an
 * {@link IllegalArgumentException} naming the route, so the gateway exits 2 with that line.
 */
final class RoutePlan
{
    static final String RPC_PREFIX = "/rpc/";

    private final List<Planned> routes;
    private final List<Planned> exposed;

    /**
     * One route or exposed operation, bound.
     *
     * @param httpMethod upper case.
     * @param template   the route's template; for an exposed operation {@code /rpc/service/operation}.
     * @param status     the success status.
     */
    record Planned(String httpMethod, RouteTemplate template, String service, String operation, int status,
        ArgumentBinder binder)
    {
        String call()
        {
            return service + "." + operation;
        }
    }

    private RoutePlan(final List<Planned> routes, final List<Planned> exposed)
    {
        this.routes = List.copyOf(routes);
        this.exposed = List.copyOf(exposed);
    }

    static RoutePlan of(final GatewayDefinition gateway, final Map<String, Class<?>> apis,
        final JsonRequestDecoder decoder, final JsonPayloads json)
    {
        final List<Planned> routes = new ArrayList<>();
        for (final RouteDefinition route : gateway.routes())
        {
            final String where = route.method() + " " + route.path() + " (" + route.call() + ")";
            try
            {
                final RouteTemplate template = RouteTemplate.parse(route.path());
                final Method method = ApiOperations.find(api(apis, route.service()), route.operation());
                routes.add(new Planned(route.method(), template, route.service(), route.operation(), route.status(),
                    ArgumentBinder.of(method, template, decoder, json)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("gateway route " + where + ": " + ex.getMessage(), ex);
            }
        }
        final List<Planned> exposed = new ArrayList<>();
        for (final String call : gateway.expose().stream().sorted().toList())
        {
            final int dot = call.lastIndexOf('.');
            final String service = dot < 0 ? call : call.substring(0, dot);
            final String operation = dot < 0 ? "" : call.substring(dot + 1);
            try
            {
                final RouteTemplate template = RouteTemplate.parse(RPC_PREFIX + service + "/" + operation);
                final Method method = ApiOperations.find(api(apis, service), operation);
                exposed.add(new Planned("POST", template, service, operation, 200,
                    ArgumentBinder.of(method, template, decoder, json)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("gateway expose " + call + ": " + ex.getMessage(), ex);
            }
        }
        return new RoutePlan(routes, exposed);
    }

    static RoutePlan empty()
    {
        return new RoutePlan(List.of(), List.of());
    }

    private static Class<?> api(final Map<String, Class<?>> apis, final String service)
    {
        final Class<?> api = apis.get(service);
        if (api == null)
        {
            throw new IllegalArgumentException("service '" + service + "' has no api class (the topology's api:)");
        }
        return api;
    }

    List<Planned> routes()
    {
        return routes;
    }

    List<Planned> exposed()
    {
        return exposed;
    }
}
