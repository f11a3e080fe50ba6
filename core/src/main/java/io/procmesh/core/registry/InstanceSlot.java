package io.procmesh.core.registry;

/**
 * One instance's off-heap slot, bound once to its registry entry. Every method is a plain, ordered or atomic
 * memory access: none takes a Chronicle Map lock, so a process killed mid-update cannot wedge the map.
 */
public final class InstanceSlot
{
    private final String instanceId;
    private final InstanceRecord record;
    private final RegistryGeneration generation;

    InstanceSlot(final String instanceId, final InstanceRecord record, final RegistryGeneration generation)
    {
        this.instanceId = instanceId;
        this.record = record;
        this.generation = generation;
    }

    public String instanceId()
    {
        return instanceId;
    }

    public void heartbeat(final long nowNs)
    {
        record.setOrderedHeartbeatNs(nowNs);
    }

    /**
     * @param intervals the heartbeat thread's own estimate ({@link HeartbeatIntervals}), published at each beat.
     */
    public void heartbeatIntervals(final long intervals)
    {
        record.setOrderedHeartbeatIntervals(intervals);
    }

    public long heartbeatIntervals()
    {
        return record.getVolatileHeartbeatIntervals();
    }

    public long heartbeatNs()
    {
        return InstanceLiveness.heartbeatNs(record);
    }

    public InstanceStatus status()
    {
        return InstanceStatus.fromCode(record.getVolatileStatus());
    }

    public void status(final InstanceStatus status)
    {
        record.setOrderedStatus(status.code());
    }

    /**
     * Publishes the inbox this instance reads, making it discoverable. Written without a lock; callers set the
     * status afterwards, and readers look at the status first.
     */
    public void advertiseInbox(final String inboxPath)
    {
        record.setInboxPath(inboxPath);
        generation.bump();
    }

    public long pid()
    {
        return record.getPid();
    }

    public void incrementRequestsIn()
    {
        record.addAtomicRequestsIn(1);
    }

    public void incrementRequestsOut()
    {
        record.addAtomicRequestsOut(1);
    }

    public void incrementErrors()
    {
        record.addAtomicErrors(1);
    }

    public void incrementTimeouts()
    {
        record.addAtomicTimeouts(1);
    }

    public void incrementLateReplies()
    {
        record.addAtomicLateReplies(1);
    }

    public void incrementDecodeErrors()
    {
        record.addAtomicDecodeErrors(1);
    }

    public void incrementDuplicates()
    {
        record.addAtomicDuplicates(1);
    }

    public long inboxBacklog()
    {
        return record.getVolatileInboxBacklog();
    }

    /**
     * Published by the instance's read loop only: one writer, so a caller that dies mid-call leaves no count behind.
     */
    public void outstanding(final long outstanding)
    {
        record.setOrderedOutstanding(outstanding);
    }

    public long outstanding()
    {
        return record.getVolatileOutstanding();
    }

    public void lastHandledIndex(final long index)
    {
        record.setOrderedLastHandledIndex(index);
    }

    public long lastHandledIndex()
    {
        return record.getVolatileLastHandledIndex();
    }

    public void inboxBacklog(final long backlog)
    {
        record.setOrderedInboxBacklog(backlog);
    }

    /**
     * Written by a hot standby when it starts watching this instance, and cleared by it once it took over.
     */
    public void standbyPid(final long standbyPid)
    {
        record.setOrderedStandbyPid(standbyPid);
    }

    public long standbyPid()
    {
        return record.getVolatileStandbyPid();
    }

    /**
     * @return whether a live standby (a process other than the instance's own) watches this instance: its take-over
     * will answer what is in the inbox, so callers keep waiting rather than fail. One system call.
     */
    public boolean hasLiveStandby()
    {
        return InstanceLiveness.isOtherLiveProcess(record.getVolatileStandbyPid(), record.getPid());
    }

    /**
     * @return whether a hot standby has taken the entry over and is starting (its own pid is both the entry's and
     * the standby's until it serves): its inbox will be answered within moments.
     */
    public boolean isStandbyTakingOver()
    {
        final long standbyPid = record.getVolatileStandbyPid();
        return standbyPid > 0 && standbyPid == record.getPid() &&
            ProcessHandle.of(standbyPid).map(ProcessHandle::isAlive).orElse(false);
    }

    public InstanceSnapshot snapshot()
    {
        return InstanceSnapshot.of(record);
    }
}
