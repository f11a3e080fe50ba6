package io.procmesh.launcher.gateway;

import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceStatus;

/**
 * One registry entry as the gateway sees it at a refresh: the raw snapshot plus what it means.
 *
 * @param snapshot       the copied registry entry.
 * @param state          the status the instance reports, or {@link #UNRESPONSIVE} when it says UP but its
 *                       heartbeat is too old (killed, or frozen).
 * @param heartbeatAgeMs time since its last heartbeat at the refresh, -1 if it never beat.
 * @param uptimeMs       time since it last registered.
 * @param live           UP with a fresh heartbeat: it can take calls.
 */
record InstanceView(InstanceSnapshot snapshot, String state, long heartbeatAgeMs, long uptimeMs, boolean live)
{
    static final String UNRESPONSIVE = "UNRESPONSIVE";

    static InstanceView of(
        final InstanceSnapshot snapshot,
        final long nowNs,
        final long nowMs,
        final long heartbeatTimeoutMs)
    {
        final long ageMs = snapshot.heartbeatAgeMs(nowNs);
        final boolean up = snapshot.status() == InstanceStatus.UP;
        final boolean fresh = ageMs >= 0 && ageMs <= heartbeatTimeoutMs;
        final String state = up && !fresh ? UNRESPONSIVE : snapshot.status().name();
        final long uptimeMs = snapshot.startTimeMs() > 0 ? Math.max(0, nowMs - snapshot.startTimeMs()) : 0;
        return new InstanceView(snapshot, state, ageMs, uptimeMs, up && fresh);
    }

    String service()
    {
        return snapshot.service();
    }

    String instanceId()
    {
        return snapshot.instanceId();
    }

    /**
     * @return how many times this instance id registered again after its first start.
     */
    long restarts()
    {
        return Math.max(0, snapshot.registrations() - 1);
    }
}
