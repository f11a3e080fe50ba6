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

    CallTarget target(final String service, final String operation)
    {
        return new CallTarget(service, operation, view.availability(service), metrics.callMetrics(service, operation));
    }

    /**
     * For the generic proxy: null when the service never appeared in the registry.
     */
    CallTarget proxyTarget(final String service, final String operation)
    {
        final ServiceAvailability availability = view.knownAvailability(service);
        if (availability == null)
        {
            return null;
        }
        return new CallTarget(service, operation, availability, metrics.proxyCallMetrics(service, operation));
    }
}
