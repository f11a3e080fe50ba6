package io.procmesh.core.registry;

import net.openhft.chronicle.values.MaxUtf8Length;

/**
 * The registry value for one service instance: identity, written under the map lock at registration, and the
 * slot (heartbeat and counters), written without any lock through a native reference acquired once.
 * <p>
 * Chronicle Values generates the off-heap implementation. Fixed-size fields keep every entry at one address for
 * its whole life, which is what makes a cached native reference safe.
 */
public interface InstanceRecord
{
    CharSequence getService();

    void setService(@MaxUtf8Length(64) CharSequence service);

    CharSequence getInstanceId();

    void setInstanceId(@MaxUtf8Length(64) CharSequence instanceId);

    CharSequence getVersion();

    void setVersion(@MaxUtf8Length(32) CharSequence version);

    CharSequence getInboxPath();

    void setInboxPath(@MaxUtf8Length(512) CharSequence inboxPath);

    CharSequence getMetadata();

    void setMetadata(@MaxUtf8Length(512) CharSequence metadata);

    long getPid();

    void setPid(long pid);

    long getStartTimeMs();

    void setStartTimeMs(long startTimeMs);

    int getStatus();

    void setStatus(int status);

    int getVolatileStatus();

    void setOrderedStatus(int status);

    long getRegistrations();

    long addAtomicRegistrations(long delta);

    /**
     * The host boot the heartbeat and start were taken in ({@link io.procmesh.core.config.BootId}).
     */
    long getBootId();

    void setBootId(long bootId);

    long getHeartbeatNs();

    long getVolatileHeartbeatNs();

    void setOrderedHeartbeatNs(long heartbeatNs);

    long getLastHandledIndex();

    long getVolatileLastHandledIndex();

    void setOrderedLastHandledIndex(long index);

    long getInboxBacklog();

    long getVolatileInboxBacklog();

    void setOrderedInboxBacklog(long backlog);

    /**
     * Requests this instance took and has not answered yet (a sync handler running, async replies owed), written
     * only by the instance's read loop; with {@link #getInboxBacklog()} what least-outstanding balancing reads.
     */
    long getOutstanding();

    long getVolatileOutstanding();

    void setOrderedOutstanding(long outstanding);

    long getRequestsIn();

    long getVolatileRequestsIn();

    long addAtomicRequestsIn(long delta);

    long getRequestsOut();

    long getVolatileRequestsOut();

    long addAtomicRequestsOut(long delta);

    long getErrors();

    long getVolatileErrors();

    long addAtomicErrors(long delta);

    long getTimeouts();

    long getVolatileTimeouts();

    long addAtomicTimeouts(long delta);

    long getLateReplies();

    long getVolatileLateReplies();

    long addAtomicLateReplies(long delta);

    long getDecodeErrors();

    long getVolatileDecodeErrors();

    long addAtomicDecodeErrors(long delta);

    long getDuplicates();

    long getVolatileDuplicates();

    long addAtomicDuplicates(long delta);

    /**
     * The pid of a hot standby watching this instance, 0 if none: written by the standby itself, lock-free, so
     * callers wait for its take-over instead of failing the calls in flight to a dead primary.
     */
    long getVolatileStandbyPid();

    void setOrderedStandbyPid(long standbyPid);

    /**
     * The instance's own heartbeat intervals, mean and standard deviation in microseconds packed in one word
     * ({@link HeartbeatIntervals}), written by its heartbeat thread at each beat; 0 until the first. What
     * {@link PhiAccrual} judges the heartbeat's age by.
     */
    long getVolatileHeartbeatIntervals();

    void setOrderedHeartbeatIntervals(long heartbeatIntervals);
}
