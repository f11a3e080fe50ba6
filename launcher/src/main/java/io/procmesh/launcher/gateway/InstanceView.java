package io.procmesh.launcher.gateway;

import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.registry.Liveness;
import io.procmesh.core.registry.PhiAccrual;

import java.util.concurrent.TimeUnit;

/**
 * One registry entry as the gateway sees it at a refresh: the raw snapshot plus what it means.
 *
 * @param snapshot       the copied registry entry.
 * @param state          core's observed state ({@link InstanceState#observed}): what the instance reports, or
 *                       UNRESPONSIVE when its heartbeat is too old (killed, or frozen).
 * @param heartbeatAgeMs time since its last heartbeat at the refresh, -1 if it never beat.
 * @param phi            how late that heartbeat is by the phi-accrual detector ({@link PhiAccrual}), 0 if unknown.
 * @param uptimeMs       time since it last registered.
 * @param live           it can take calls, by core's one {@link Liveness} rule ({@code procmesh.instanceStaleMs}).
 */
record InstanceView(
    InstanceSnapshot snapshot, InstanceState state, long heartbeatAgeMs, double phi, long uptimeMs, boolean live)
{
    static InstanceView of(
        final InstanceSnapshot snapshot,
        final long nowNs,
        final long nowMs,
        final long instanceStaleMs)
    {
        final InstanceState state =
            InstanceState.observed(snapshot, nowNs, TimeUnit.MILLISECONDS.toNanos(instanceStaleMs));
        final long uptimeMs = snapshot.startTimeMs() > 0 ? Math.max(0, nowMs - snapshot.startTimeMs()) : 0;
        return new InstanceView(snapshot, state, snapshot.heartbeatAgeMs(nowNs),
            PhiAccrual.CONFIGURED.phi(snapshot.heartbeatNs(), snapshot.heartbeatIntervals(), nowNs), uptimeMs,
            state == InstanceState.UP);
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
