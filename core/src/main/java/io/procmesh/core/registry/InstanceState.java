package io.procmesh.core.registry;

/**
 * What an observer says about an instance: the launcher (its state file and {@code procmesh status}), the gateway
 * ({@code /health}, {@code /services}) and {@code status} without a launcher. One vocabulary, so that a word means
 * the same wherever it is printed. {@link InstanceStatus} stays what the instance reports about itself, the
 * registry record's code; {@link #observed} turns a record into the state any reader of the registry sees, by the
 * one {@link Liveness} rule. The launcher knows more (the process, its health checks, restart intensity) and adds
 * {@link #DEGRADED} and {@link #FAILED}.
 */
public enum InstanceState
{
    /**
     * Started or registered, not yet serving.
     */
    STARTING,

    /**
     * Reports UP and heartbeats within {@code procmesh.instanceStaleMs}: it takes calls.
     */
    UP,

    /**
     * Reports DRAINING: stopping gracefully, finishing what it has, taking nothing new.
     */
    DRAINING,

    /**
     * Reports STARTING, UP or DRAINING, but its heartbeat is older than {@code procmesh.instanceStaleMs}: killed,
     * frozen or stuck. Callers and the gateway no longer send to it.
     */
    UNRESPONSIVE,

    /**
     * Running but late heartbeats (the launcher's word, and any reader's once the phi-accrual detector suspects an
     * UP instance: callers then no longer pick it), a backlog growing without progress, or draining; not killed yet.
     */
    DEGRADED,

    /**
     * Not running: reports DOWN, or not started yet (waiting for a dependency), waiting out its restart delay,
     * stopped, or gone.
     */
    DOWN,

    /**
     * The launcher's word: its service exceeded the restart intensity limit, so it is not restarted any more until
     * {@code procmesh restart}.
     */
    FAILED;

    /**
     * The state a reader of the registry sees in one entry: what it reports, unless its heartbeat is stale
     * ({@link Liveness#isFresh}), which makes a STARTING, UP or DRAINING instance {@link #UNRESPONSIVE}, or an UP one
     * is late enough for the phi-accrual detector to suspect it ({@link PhiAccrual}), which makes it
     * {@link #DEGRADED}. UP here is exactly {@link Liveness#isLive}.
     *
     * @param intervals the instance's published heartbeat intervals ({@link HeartbeatIntervals}), 0 if none.
     */
    public static InstanceState observed(final InstanceStatus status, final long heartbeatNs, final long intervals,
        final long nowNs, final long staleNs)
    {
        if (status == InstanceStatus.DOWN || status == InstanceStatus.UNKNOWN)
        {
            return DOWN;
        }
        if (!Liveness.isFresh(heartbeatNs, nowNs, staleNs))
        {
            return UNRESPONSIVE;
        }
        if (status == InstanceStatus.UP)
        {
            return PhiAccrual.CONFIGURED.isSuspected(heartbeatNs, intervals, nowNs) ? DEGRADED : UP;
        }
        return status == InstanceStatus.DRAINING ? DRAINING : STARTING;
    }

    /**
     * @see #observed(InstanceStatus, long, long, long, long)
     */
    public static InstanceState observed(final InstanceSnapshot snapshot, final long nowNs, final long staleNs)
    {
        return observed(snapshot.status(), snapshot.heartbeatNs(), snapshot.heartbeatIntervals(), nowNs, staleNs);
    }
}
