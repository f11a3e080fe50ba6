package io.procmesh.launcher.gateway;

import io.procmesh.core.rpc.CallRouting;

/**
 * Where a route's calls go, resolved once at start: the service and operation, how a call picks its instance (a
 * key, a partition, every partition), whether the service is live, the meters to record into, and whether a
 * {@code null} result means "no such entity" (a REST route to an operation that returns a value: 404) or is passed
 * on as it is ({@code /rpc}).
 */
record CallTarget(String service, String operation, CallRouting routing, ServiceAvailability availability,
    CallMetrics metrics, boolean nullIsNotFound)
{
}
