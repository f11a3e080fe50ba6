package io.procmesh.launcher.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * One path template, e.g. {@code /api/users/{id}}, with an endpoint per method. Matching walks the path in place
 * with region compares; the only allocation is the array of path parameters of a route that has them.
 */
final class Route
{
    static final String[] NO_PARAMETERS = new String[0];

    private final String template;
    private final String[] literals;
    private final int parameterCount;
    private final List<String> methods = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private String allow = "";

    Route(final String template)
    {
        if (!template.startsWith("/") || template.length() < 2)
        {
            throw new IllegalArgumentException("route template must start with '/' and name a path: " + template);
        }
        this.template = template;
        final String[] segments = template.substring(1).split("/", -1);
        this.literals = new String[segments.length];
        int parameters = 0;
        for (int i = 0; i < segments.length; i++)
        {
            final String segment = segments[i];
            if (segment.isEmpty())
            {
                throw new IllegalArgumentException("empty segment in route template " + template);
            }
            final boolean parameter = segment.startsWith("{") && segment.endsWith("}");
            literals[i] = parameter ? null : segment;
            parameters += parameter ? 1 : 0;
        }
        this.parameterCount = parameters;
    }

    String template()
    {
        return template;
    }

    void add(final String method, final Endpoint endpoint)
    {
        if (methods.contains(method))
        {
            throw new IllegalArgumentException(method + " " + template + " is routed twice");
        }
        methods.add(method);
        endpoints.add(endpoint);
        allow = String.join(", ", methods) + (methods.contains("GET") ? ", HEAD" : "");
    }

    /**
     * @return the endpoint for the method, or null: the caller answers 405 with {@link #allow()}. HEAD is served
     * by the GET endpoint; Jetty sends the headers of its answer without the body.
     */
    Endpoint endpoint(final String method)
    {
        final String routed = "HEAD".equals(method) ? "GET" : method;
        for (int i = 0, size = methods.size(); i < size; i++)
        {
            if (methods.get(i).equals(routed))
            {
                return endpoints.get(i);
            }
        }
        return null;
    }

    /**
     * @return the value of an Allow header for this path.
     */
    String allow()
    {
        return allow;
    }

    /**
     * @param path a decoded path; one trailing slash is ignored.
     * @return the path parameters in template order, or null if the path does not match.
     */
    String[] match(final String path)
    {
        if (path.isEmpty() || path.charAt(0) != '/')
        {
            return null;
        }
        int end = path.length();
        if (end > 1 && path.charAt(end - 1) == '/')
        {
            end--;
        }
        String[] parameters = parameterCount == 0 ? NO_PARAMETERS : null;
        int parameterIndex = 0;
        int position = 1;
        for (final String literal : literals)
        {
            if (position > end)
            {
                return null;
            }
            int slash = path.indexOf('/', position);
            if (slash < 0 || slash > end)
            {
                slash = end;
            }
            final int length = slash - position;
            if (literal == null)
            {
                if (length == 0)
                {
                    return null;
                }
                if (parameters == null)
                {
                    parameters = new String[parameterCount];
                }
                parameters[parameterIndex++] = path.substring(position, slash);
            }
            else if (length != literal.length() || !path.regionMatches(position, literal, 0, length))
            {
                return null;
            }
            position = slash + 1;
        }
        return position > end ? parameters : null;
    }
}
