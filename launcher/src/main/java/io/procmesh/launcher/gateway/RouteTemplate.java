package io.procmesh.launcher.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * A route's path as the topology writes it: {@code /api/orders/{id}}, optionally followed by the query
 * parameters the route requires, {@code /api/orders?userId={userId}}. Two routes may share a method and path when
 * their required query parameters differ; a request takes the one whose parameters it carries, most first.
 *
 * @param path            the path template alone, as {@link Route} matches it.
 * @param pathParameters  the names of the path's {@code {parameter}} segments, in order.
 * @param queryParameters the names of the required query parameters, in order.
 */
record RouteTemplate(String path, List<String> pathParameters, List<String> queryParameters)
{
    RouteTemplate
    {
        pathParameters = List.copyOf(pathParameters);
        queryParameters = List.copyOf(queryParameters);
    }

    /**
     * @throws IllegalArgumentException for a template the gateway cannot serve, naming it.
     */
    static RouteTemplate parse(final String template)
    {
        final int question = template.indexOf('?');
        final String path = question < 0 ? template : template.substring(0, question);
        final List<String> pathParameters = new ArrayList<>();
        for (final String segment : path.split("/"))
        {
            if (segment.startsWith("{") && segment.endsWith("}"))
            {
                pathParameters.add(name(segment, template));
            }
            else if (segment.contains("{") || segment.contains("}"))
            {
                throw new IllegalArgumentException("route " + template + ": a parameter must be a whole segment");
            }
        }
        final List<String> queryParameters = new ArrayList<>();
        if (question >= 0)
        {
            for (final String pair : template.substring(question + 1).split("&"))
            {
                final int equals = pair.indexOf('=');
                if (equals <= 0 || !pair.substring(equals + 1).equals("{" + pair.substring(0, equals) + "}"))
                {
                    throw new IllegalArgumentException("route " + template +
                        ": the query part must be name={name} pairs joined by '&'");
                }
                queryParameters.add(name(pair.substring(equals + 1), template));
            }
        }
        final List<String> all = new ArrayList<>(pathParameters);
        for (final String name : queryParameters)
        {
            if (all.contains(name))
            {
                throw new IllegalArgumentException("route " + template + " names '" + name + "' twice");
            }
            all.add(name);
        }
        if (all.size() != all.stream().distinct().count())
        {
            throw new IllegalArgumentException("route " + template + " names a parameter twice");
        }
        return new RouteTemplate(path, pathParameters, queryParameters);
    }

    private static String name(final String braced, final String template)
    {
        final String name = braced.substring(1, braced.length() - 1);
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) ||
            !name.chars().allMatch(Character::isJavaIdentifierPart))
        {
            throw new IllegalArgumentException("route " + template + ": '" + braced + "' is not a parameter name");
        }
        return name;
    }
}
