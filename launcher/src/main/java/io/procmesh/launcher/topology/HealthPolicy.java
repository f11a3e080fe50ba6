package io.procmesh.launcher.topology;

/**
 * When the health monitor gives up on an instance.
 *
 * @param heartbeatTimeoutMs a heartbeat older than this means the instance is hung: it is killed and restarted.
 * @param stuckAfterMs       inbox backlog growing while nothing is handled for this long means stuck: the same.
 * @param startTimeoutMs     a new instance that has not reported UP after this long is killed and restarted.
 */
public record HealthPolicy(long heartbeatTimeoutMs, long stuckAfterMs, long startTimeoutMs)
{
}
