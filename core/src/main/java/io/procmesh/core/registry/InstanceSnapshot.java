package io.procmesh.core.registry;

/**
 * A point-in-time copy of one registry entry, for status, discovery refresh, the gateway and tests.
 */
public record InstanceSnapshot(
    String service,
    String instanceId,
    String version,
    String inboxPath,
    String metadata,
    long pid,
    long startTimeMs,
    InstanceStatus status,
    long registrations,
    long heartbeatNs,
    long lastHandledIndex,
    long inboxBacklog,
    long requestsIn,
    long requestsOut,
    long errors,
    long timeouts,
    long lateReplies,
    long decodeErrors,
    long duplicates,
    long standbyPid,
    long heartbeatIntervals)
{
    static InstanceSnapshot of(final InstanceRecord r)
    {
        return new InstanceSnapshot(
            String.valueOf(r.getService()),
            String.valueOf(r.getInstanceId()),
            String.valueOf(r.getVersion()),
            String.valueOf(r.getInboxPath()),
            String.valueOf(r.getMetadata()),
            r.getPid(),
            r.getStartTimeMs(),
            InstanceStatus.fromCode(r.getVolatileStatus()),
            r.getRegistrations(),
            InstanceLiveness.heartbeatNs(r),
            r.getVolatileLastHandledIndex(),
            r.getVolatileInboxBacklog(),
            r.getVolatileRequestsIn(),
            r.getVolatileRequestsOut(),
            r.getVolatileErrors(),
            r.getVolatileTimeouts(),
            r.getVolatileLateReplies(),
            r.getVolatileDecodeErrors(),
            r.getVolatileDuplicates(),
            r.getVolatileStandbyPid(),
            r.getVolatileHeartbeatIntervals());
    }

    /**
     * @return whether a hot standby other than the instance's own process is alive beside it.
     */
    public boolean hasLiveStandby()
    {
        return InstanceLiveness.isOtherLiveProcess(standbyPid, pid);
    }

    /**
     * @return milliseconds since the last heartbeat, measured on the shared monotonic clock.
     */
    public long heartbeatAgeMs(final long nowNs)
    {
        return heartbeatNs == 0 ? -1 : Math.max(0, (nowNs - heartbeatNs) / 1_000_000);
    }
}
