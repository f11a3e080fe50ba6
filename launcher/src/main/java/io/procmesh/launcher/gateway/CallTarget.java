package io.procmesh.launcher.gateway;

/**
 * Where a route's calls go, resolved once for typed routes: the service and operation, whether the service is
 * live, and the meters to record into.
 */
record CallTarget(String service, String operation, ServiceAvailability availability, CallMetrics metrics)
{
}
