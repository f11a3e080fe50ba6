package io.procmesh.launcher.gateway;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a {@link RoutePlan} into endpoints: one {@link OperationEndpoint} per route, routes of one method and
 * path gathered into {@link QueryVariants}, and the exposed operations {@code /rpc} may reach.
 */
final class TopologyEndpoints
{
    private final MeshCaller caller;
    private final CallTargets targets;
    private final RoutePlan plan;

    TopologyEndpoints(final MeshCaller caller, final CallTargets targets, final RoutePlan plan)
    {
        this.caller = caller;
        this.targets = targets;
        this.plan = plan;
    }

    void routes(final RouteTable.Builder routes)
    {
        final Map<String, QueryVariants> byMethodAndPath = new LinkedHashMap<>();
        final Map<String, String[]> keys = new HashMap<>();
        for (final RoutePlan.Planned route : plan.routes())
        {
            final boolean nullIsNotFound = !ApiOperations.returnsNothing(route.binder().method());
            final OperationEndpoint endpoint = new OperationEndpoint(caller, targets.target(route.service(),
                route.operation(), route.binder().method(), nullIsNotFound), route.binder(), route.status(), false);
            final String key = route.httpMethod() + " " + route.template().path();
            keys.put(key, new String[]{route.httpMethod(), route.template().path()});
            byMethodAndPath.computeIfAbsent(key, ignored -> new QueryVariants())
                .add(route.template().queryParameters(), endpoint);
        }
        for (final Map.Entry<String, QueryVariants> entry : byMethodAndPath.entrySet())
        {
            final String[] key = keys.get(entry.getKey());
            routes.add(key[0], key[1], entry.getValue().simplest());
        }
    }

    /**
     * @return the operations {@code /rpc} reaches, by {@code service.operation}; a null result passes as it is.
     */
    Map<String, OperationEndpoint> exposed()
    {
        final Map<String, OperationEndpoint> exposed = new HashMap<>();
        for (final RoutePlan.Planned operation : plan.exposed())
        {
            exposed.put(operation.call(), new OperationEndpoint(caller, targets.target(operation.service(),
                operation.operation(), operation.binder().method(), false), operation.binder(), 200, true));
        }
        return Map.copyOf(exposed);
    }
}
