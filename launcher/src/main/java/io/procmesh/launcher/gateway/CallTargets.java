package io.procmesh.launcher.gateway;

import io.procmesh.core.rpc.CallRouting;
import io.procmesh.core.rpc.RpcClient;

import java.lang.reflect.Method;

/**
 * Resolves a route's {@link CallTarget} once, at start: how its calls are routed, its availability flag and its
 * meters.
 */
final class CallTargets
{
    private final RpcClient client;
    private final RegistryView view;
    private final GatewayMetrics metrics;

    CallTargets(final RpcClient client, final RegistryView view, final GatewayMetrics metrics)
    {
        this.client = client;
        this.view = view;
        this.metrics = metrics;
    }

    /**
     * @param method         the api method the route calls: where its key is read from.
     * @param nullIsNotFound whether a {@code null} result is answered 404.
     */
    CallTarget target(final String service, final String operation, final Method method,
        final boolean nullIsNotFound)
    {
        return new CallTarget(service, operation, routing(service, method), view.availability(service),
            metrics.callMetrics(service, operation), nullIsNotFound);
    }

    private CallRouting routing(final String service, final Method method)
    {
        try
        {
            return CallRouting.of(client, service, method);
        }
        catch (final IllegalArgumentException ex)
        {
            // A key-affinity method without the key: its calls are balanced without one, as any keyless call is.
            return CallRouting.unkeyed(service, method);
        }
    }
}
