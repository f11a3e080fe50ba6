package io.procmesh.launcher.gateway;

/**
 * Where a route's calls go, resolved once at start: the service and operation, whether the service is live,
 * the meters to record into, and whether a {@code null} result means "no such entity" (a REST route to an
 * operation that returns a value: 404) or is passed on as it is ({@code /rpc}).
 */
record CallTarget(String service, String operation, ServiceAvailability availability, CallMetrics metrics,
    boolean nullIsNotFound)
{
}
