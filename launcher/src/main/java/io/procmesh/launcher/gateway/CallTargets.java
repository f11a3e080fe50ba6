package io.procmesh.launcher.gateway;

/**
 * Resolves a route's {@link CallTarget} once, at start: its availability flag and its meters.
 */
final class CallTargets
{
    private final RegistryView view;
    private final GatewayMetrics metrics;

    CallTargets(final RegistryView view, final GatewayMetrics metrics)
    {
        this.view = view;
        this.metrics = metrics;
    }

    /**
     * @param nullIsNotFound whether a {@code null} result is answered 404.
     */
    CallTarget target(final String service, final String operation, final boolean nullIsNotFound)
    {
        return new CallTarget(service, operation, view.availability(service), metrics.callMetrics(service, operation),
            nullIsNotFound);
    }
}
