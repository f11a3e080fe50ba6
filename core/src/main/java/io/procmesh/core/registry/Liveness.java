package io.procmesh.core.registry;

/**
 * The one rule for "this instance can take calls now", used by callers to pick an instance, by the gateway for
 * 503 and /health, and by {@code procmesh status}: it reports UP, its heartbeat, taken in this boot, is at most
 * {@code procmesh.instanceStaleMs} old, and the phi-accrual detector over the instance's own heartbeat intervals
 * does not suspect it ({@link PhiAccrual}: on a steady beat about 1.08 s after the last, sooner than the fixed
 * limit; for an instance whose beats jitter later, up to that limit). Registration (refusing a second process on
 * an instance id) and the sweep of dead instances use the fixed limit alone ({@link #isFresh}): a suspicion only
 * routes calls away, it takes nothing from the instance. A killed instance keeps saying UP in its slot; its
 * heartbeat stops, so it stops being live within that limit. Before this rule had one home, the gateway used 1 s,
 * callers 1.5 s and the launcher 2 s, so between 1 and 1.5 s the gateway answered 503 while callers still sent.
 * <p>
 * The launcher's {@code heartbeatTimeoutMs} (2 s) is not a second liveness rule: it is how long the supervisor
 * waits on a silent instance before killing it as hung, and it must be at least {@code instanceStaleMs}. A kill
 * costs a restart, so it waits for that fixed bound rather than for a suspicion.
 */
public final class Liveness
{
    private Liveness()
    {
    }

    /**
     * @return true if the heartbeat is at most {@code staleNs} old. A heartbeat a little newer than {@code nowNs}
     * (stamped by its owner between the caller's clock read and the slot read) is fresh; one from another boot
     * reads as older than any limit (see {@link InstanceSlot#heartbeatNs()}); 0 means it never beat.
     */
    public static boolean isFresh(final long heartbeatNs, final long nowNs, final long staleNs)
    {
        return heartbeatNs != 0 && nowNs - heartbeatNs <= staleNs;
    }

    /**
     * @param intervals the instance's published heartbeat intervals ({@link HeartbeatIntervals}), 0 if none.
     */
    public static boolean isLive(final InstanceStatus status, final long heartbeatNs, final long intervals,
        final long nowNs, final long staleNs)
    {
        return status == InstanceStatus.UP && isFresh(heartbeatNs, nowNs, staleNs) &&
            !PhiAccrual.CONFIGURED.isSuspected(heartbeatNs, intervals, nowNs);
    }

    /**
     * Lock-free: three volatile reads of the bound slot.
     */
    public static boolean isLive(final InstanceSlot slot, final long nowNs, final long staleNs)
    {
        return isLive(slot.status(), slot.heartbeatNs(), slot.heartbeatIntervals(), nowNs, staleNs);
    }

    public static boolean isLive(final InstanceSnapshot snapshot, final long nowNs, final long staleNs)
    {
        return isLive(snapshot.status(), snapshot.heartbeatNs(), snapshot.heartbeatIntervals(), nowNs, staleNs);
    }
}
