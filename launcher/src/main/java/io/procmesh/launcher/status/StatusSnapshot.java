package io.procmesh.launcher.status;

import io.procmesh.core.breaker.BreakerSnapshot;
import io.procmesh.core.registry.InstanceSnapshot;

import java.util.List;

/**
 * Every registry member as the launcher last read it.
 *
 * @param launcherPid the launcher that wrote it: a snapshot of another (earlier) launcher is not used.
 * @param writtenAtNs System.nanoTime when the slots were read: CLOCK_MONOTONIC, shared by every process on the
 *                    host, so a reader can tell how old it is and heartbeat ages are measured against it.
 * @param breakers    every circuit breaker some process used, read at the same moment.
 */
public record StatusSnapshot(long launcherPid, long writtenAtMs, long writtenAtNs, List<InstanceSnapshot> members,
    List<BreakerSnapshot> breakers)
{
    public StatusSnapshot
    {
        members = List.copyOf(members);
        breakers = breakers == null ? List.of() : List.copyOf(breakers);
    }

    /**
     * @return how old this snapshot is at nowNs, in milliseconds.
     */
    public long ageMs(final long nowNs)
    {
        return Math.max(0, (nowNs - writtenAtNs) / 1_000_000);
    }
}
