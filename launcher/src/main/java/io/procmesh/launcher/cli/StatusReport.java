package io.procmesh.launcher.cli;

import io.procmesh.core.breaker.BreakerSnapshot;

import java.util.List;
import java.util.Map;

/**
 * What `procmesh status` shows: the launcher's state file, and the slots of the registry as the running launcher
 * last published them ({@code launcher/status.json}), or as read from the registry itself when no launcher runs.
 *
 * @param launcherPid   the running launcher, or 0 if none runs: states are then derived from the registry alone.
 * @param note          a warning for the operator, or empty.
 * @param snapshotAgeMs how old the launcher's snapshot of the slots was, or -1 if the registry was read directly.
 * @param breakers      every circuit breaker some process used, as of the same moment.
 */
public record StatusReport(String dataDir, long launcherPid, String note, long snapshotAgeMs, List<Row> instances,
    List<BreakerSnapshot> breakers)
{
    /**
     * @param version        what the instance registered with, empty if it never registered.
     * @param heartbeatAgeMs -1 if unknown or the process is gone.
     * @param phi            how late the heartbeat is by the phi-accrual detector (core's {@code PhiAccrual}), to
     *                       a tenth; -1 if unknown or the process is gone.
     * @param uptimeMs       -1 if the process is gone.
     * @param supervised     false for a registry member the launcher does not run, e.g. a client application.
     * @param metadata       what the instance registered (the topology's {@code metadata:}), empty if nothing.
     * @param standbyPid     the pid of its live hot standby, or 0 if it has none.
     */
    public record Row(
        String instanceId,
        String service,
        String version,
        String state,
        long pid,
        boolean alive,
        long heartbeatAgeMs,
        double phi,
        long uptimeMs,
        int restarts,
        long requestsIn,
        long requestsOut,
        long errors,
        long timeouts,
        String detail,
        boolean supervised,
        Map<String, String> metadata,
        long standbyPid)
    {
    }

    public boolean launcherRunning()
    {
        return launcherPid > 0;
    }
}
