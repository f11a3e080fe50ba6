package io.procmesh.launcher.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's routes, matched in the order they were added. A path that matches a route but not its method
 * is a 405, told apart from a 404 by {@link Result}.
 */
final class RouteTable
{
    private final Route[] routes;

    private RouteTable(final Route[] routes)
    {
        this.routes = routes;
    }

    static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return the route matching the path and its parameters, or null for no route at all.
     */
    Result find(final String path)
    {
        for (final Route route : routes)
        {
            final String[] parameters = route.match(path);
            if (parameters != null)
            {
                return new Result(route, parameters);
            }
        }
        return null;
    }

    record Result(Route route, String[] parameters)
    {
    }

    static final class Builder
    {
        private final List<Route> routes = new ArrayList<>();

        Builder add(final String method, final String template, final Endpoint endpoint)
        {
            Route route = null;
            for (final Route existing : routes)
            {
                if (existing.template().equals(template))
                {
                    route = existing;
                }
            }
            if (route == null)
            {
                route = new Route(template);
                routes.add(route);
            }
            route.add(method, endpoint);
            return this;
        }

        RouteTable build()
        {
            return new RouteTable(routes.toArray(new Route[0]));
        }
    }
}
