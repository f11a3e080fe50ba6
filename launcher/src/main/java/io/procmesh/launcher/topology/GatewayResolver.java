package io.procmesh.launcher.topology;

import io.procmesh.core.config.Names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the {@code gateway:} section's routes and {@code expose} list against the services and their apis, and its
 * {@code events} topics' names, so that a route to an unknown operation, a clash or a typo is refused before
 * anything starts, at its line.
 */
final class GatewayResolver
{
    static final int DEFAULT_PORT = 8080;
    private static final int DEFAULT_STATUS = 200;
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern QUERY_PARAMETER =
        Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String source;
    private final Map<String, Map<String, Integer>> operations;
    private final List<String> serviceNames;

    /**
     * @param operations   per service with an api: its operations and how many methods carry each name.
     * @param serviceNames every service of the topology, for messages.
     */
    GatewayResolver(
        final String source, final Map<String, Map<String, Integer>> operations, final List<String> serviceNames)
    {
        this.source = source;
        this.operations = operations;
        this.serviceNames = serviceNames;
    }

    GatewayDefinition resolve(final TopologyDocument.GatewayEntry entry)
    {
        final int port = entry.port() == null || entry.port().value() == null ? DEFAULT_PORT : entry.port().value();
        if (port < 0 || port > 65_535)
        {
            throw new TopologyException(entry.port().mark(source), "gateway.port must be between 0 (any free port) " +
                "and 65535, was " + port);
        }
        final List<RouteDefinition> routes = new ArrayList<>();
        final Map<String, RouteDefinition> byShape = new HashMap<>();
        for (final TopologyDocument.RouteEntry route : entry.routes() == null ?
            List.<TopologyDocument.RouteEntry>of() : entry.routes())
        {
            final RouteDefinition definition = route(route);
            final String shape = definition.method() + " " + shape(definition.path());
            final RouteDefinition earlier = byShape.putIfAbsent(shape, definition);
            if (earlier != null)
            {
                throw new TopologyException(definition.mark(), "route " + definition.method() + " " +
                    definition.path() + " clashes with the route at " + earlier.mark() + " (" + earlier.method() +
                    " " + earlier.path() + "): one method and path, one route");
            }
            routes.add(definition);
        }
        final Set<String> expose = new LinkedHashSet<>();
        for (final Located<String> call : entry.expose() == null ? List.<Located<String>>of() : entry.expose())
        {
            final String[] target = call(call, "gateway.expose entry");
            expose.add(target[0] + "." + target[1]);
        }
        final Set<String> events = new LinkedHashSet<>();
        for (final Located<String> topic : entry.events() == null ? List.<Located<String>>of() : entry.events())
        {
            final String name = topic.value() == null ? "" : topic.value().trim();
            try
            {
                Names.requireValid("topic", name);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new TopologyException(topic.mark(source), "gateway.events entry: " + ex.getMessage());
            }
            if (!events.add(name))
            {
                throw new TopologyException(topic.mark(source), "gateway.events lists topic '" + name + "' twice");
            }
        }
        return new GatewayDefinition(port, routes, expose, events);
    }

    private RouteDefinition route(final TopologyDocument.RouteEntry route)
    {
        final Located<String> method = require(route.method(), route, "method");
        final Located<String> path = require(route.path(), route, "path");
        final Located<String> call = require(route.call(), route, "call");
        final String verb = method.value().trim();
        if (!METHODS.contains(verb))
        {
            throw new TopologyException(method.mark(source), "route method '" + verb + "' is not one of " +
                String.join(", ", METHODS.stream().sorted().toList()) + " (upper case)");
        }
        final String template = RoutePathBraces.restore(path.value().trim());
        checkPath(path, template);
        final String[] target = call(call, "route call");
        int status = DEFAULT_STATUS;
        if (route.status() != null && route.status().value() != null)
        {
            status = route.status().value();
            if (status < 200 || status > 299)
            {
                throw new TopologyException(route.status().mark(source), "route status must be a success status " +
                    "(200 to 299), was " + status);
            }
        }
        return new RouteDefinition(verb, template, target[0], target[1], status, method.mark(source));
    }

    private void checkPath(final Located<String> path, final String template)
    {
        final String problem = pathProblem(template);
        if (problem != null)
        {
            throw new TopologyException(path.mark(source), "route path '" + template + "' " + problem);
        }
    }

    /**
     * @return what is wrong with a path template, or null: it starts with '/', each segment is a literal or a
     * whole-segment parameter {@code {name}}, and it may end with required query parameters
     * {@code ?name={name}&other={other}} (routes on one method and path that differ in them are told apart by the
     * parameters a request carries); each name once.
     */
    static String pathProblem(final String template)
    {
        final int question = template.indexOf('?');
        final Set<String> names = new HashSet<>();
        if (question >= 0)
        {
            for (final String pair : template.substring(question + 1).split("&", -1))
            {
                final java.util.regex.Matcher query = QUERY_PARAMETER.matcher(pair);
                if (!query.matches() || !query.group(1).equals(query.group(2)))
                {
                    return "has query part '" + pair + "': expected name={name}, e.g. ?userId={userId}";
                }
                if (!names.add(query.group(1)))
                {
                    return "names parameter '" + query.group(1) + "' twice";
                }
            }
        }
        return segmentsProblem(question >= 0 ? template.substring(0, question) : template, names);
    }

    private static String segmentsProblem(final String template, final Set<String> names)
    {
        if (!template.startsWith("/"))
        {
            return "must start with '/'";
        }
        if (template.equals("/rpc") || template.startsWith("/rpc/"))
        {
            return "is under /rpc, which the gateway keeps for the operations in 'expose'";
        }
        final String[] segments = template.substring(1).split("/", -1);
        for (final String segment : segments)
        {
            if (segment.isEmpty())
            {
                return segments.length == 1 ? null : "has an empty segment (//, or a trailing /)";
            }
            final java.util.regex.Matcher parameter = PARAMETER.matcher(segment);
            if (parameter.matches())
            {
                if (!names.add(parameter.group(1)))
                {
                    return "names parameter '" + parameter.group(1) + "' twice";
                }
            }
            else if (!LITERAL.matcher(segment).matches())
            {
                return "has segment '" + segment + "': expected letters, digits, '.', '_', '~', '-', or a whole " +
                    "segment {name}";
            }
        }
        return null;
    }

    private static String shape(final String template)
    {
        return PARAMETER.matcher(template).replaceAll("{}");
    }

    /**
     * @return {service, operation} of a {@code service.operation} that exists on the service's api.
     */
    private String[] call(final Located<String> call, final String what)
    {
        final String value = call.value() == null ? "" : call.value().trim();
        final int dot = value.indexOf('.');
        if (dot <= 0 || dot == value.length() - 1 || value.indexOf('.', dot + 1) >= 0)
        {
            throw new TopologyException(call.mark(source), what + " '" + value + "' must be service.operation");
        }
        final String service = value.substring(0, dot);
        final String operation = value.substring(dot + 1);
        if (!serviceNames.contains(service) || GatewayDefinition.SERVICE_NAME.equals(service))
        {
            throw new TopologyException(call.mark(source), what + " '" + value + "' names service '" + service +
                "', which is not defined (services: " + String.join(", ", serviceNames) + ")");
        }
        final Map<String, Integer> api = operations.get(service);
        if (api == null)
        {
            throw new TopologyException(call.mark(source), what + " '" + value + "': service '" + service +
                "' has no api, so the gateway cannot call it");
        }
        final Integer count = api.get(operation);
        if (count == null)
        {
            throw new TopologyException(call.mark(source), what + " '" + value + "': the api of service '" + service +
                "' has no operation '" + operation + "' (operations: " + String.join(", ", api.keySet()) + ")");
        }
        if (count > 1)
        {
            throw new TopologyException(call.mark(source), what + " '" + value + "': operation '" + operation +
                "' is overloaded on the api of service '" + service + "'; a call names one method");
        }
        return new String[] {service, operation};
    }

    private Located<String> require(
        final Located<String> value, final TopologyDocument.RouteEntry route, final String field)
    {
        if (value == null || value.value() == null || value.value().isBlank())
        {
            throw new TopologyException(anyMark(route), "route has no " + field +
                " (a route is {method, path, call, status})");
        }
        return value;
    }

    private SourceMark anyMark(final TopologyDocument.RouteEntry route)
    {
        for (final Located<?> field : new Located<?>[] {route.method(), route.path(), route.call(), route.status()})
        {
            if (field != null)
            {
                return field.mark(source);
            }
        }
        return new SourceMark(source, 0, 0);
    }
}
