package io.procmesh.launcher.cli;

import java.util.List;

/**
 * What `procmesh status` shows, read from the registry and the launcher's state file, never from the launcher.
 *
 * @param launcherPid the running launcher, or 0 if none runs: states are then derived from the registry alone.
 * @param note        a warning for the operator, or empty.
 */
public record StatusReport(String dataDir, long launcherPid, String note, List<Row> instances)
{
    /**
     * @param heartbeatAgeMs -1 if unknown or the process is gone.
     * @param uptimeMs       -1 if the process is gone.
     * @param supervised     false for a registry member the launcher does not run, e.g. a client application.
     */
    public record Row(
        String instanceId,
        String service,
        String state,
        long pid,
        boolean alive,
        long heartbeatAgeMs,
        long uptimeMs,
        int restarts,
        long requestsIn,
        long requestsOut,
        long errors,
        long timeouts,
        String detail,
        boolean supervised)
    {
    }

    public boolean launcherRunning()
    {
        return launcherPid > 0;
    }
}
