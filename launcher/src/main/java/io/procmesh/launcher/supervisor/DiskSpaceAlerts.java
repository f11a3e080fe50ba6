package io.procmesh.launcher.supervisor;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.alert.AlertSink;
import io.procmesh.launcher.alert.Alerts;

import java.util.concurrent.TimeUnit;

/**
 * Fires {@link Alerts#DISK_SPACE_LOW} while the data directory's file system has less free space than the limit,
 * and resolves it when it has more again. Queues and maps are memory-mapped, so running out is a SIGBUS in every
 * process rather than an error: the alert comes before that. Checked every few seconds from the supervising thread
 * (one statfs).
 */
final class DiskSpaceAlerts
{
    static final long INTERVAL_MS = 5_000;
    private static final long MB = 1024 * 1024;
    private final DataDirectory dataDirectory;
    private final long minFreeMb;
    private final AlertSink alerts;
    private final ErrorHandler errorHandler;
    private final long intervalNs = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);
    private long nextNs;
    private boolean looked;
    private boolean low;
    private boolean restored;

    /**
     * @param minFreeMb below this many MiB free the alert fires; 0 turns the check off.
     */
    DiskSpaceAlerts(final DataDirectory dataDirectory, final long minFreeMb, final AlertSink alerts,
        final ErrorHandler errorHandler)
    {
        this.dataDirectory = dataDirectory;
        this.minFreeMb = minFreeMb;
        this.alerts = alerts;
        this.errorHandler = errorHandler;
    }

    void checkIfDue(final long nowNs)
    {
        if (minFreeMb <= 0 || looked && nowNs - nextNs < 0)
        {
            return;
        }
        looked = true;
        nextNs = nowNs + intervalNs;
        final long freeMb;
        try
        {
            // One statfs; Files.getFileStore would read the mount table each time as well.
            freeMb = dataDirectory.root().toFile().getUsableSpace() / MB;
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(new IllegalStateException("cannot read the free space of " +
                dataDirectory.root(), ex));
            return;
        }
        if (!restored)
        {
            restored = true;
            // An earlier launcher's alert, resolved below if the space is back.
            low = alerts.firing(Alerts.DISK_SPACE_LOW, "", dataDirectory.root().toString());
        }
        if (freeMb < minFreeMb && !low)
        {
            low = true;
            alerts.fire(Alerts.DISK_SPACE_LOW, Alerts.CRITICAL, "", dataDirectory.root().toString(),
                "data directory " + dataDirectory.root() + " has " + freeMb + " MiB free, below the " + minFreeMb +
                    " MiB alert limit (procmesh.alertFreeDiskMb): free space before processes fail to write");
        }
        // A margin above the limit, so that a file system hovering at it does not fire and resolve in turn.
        else if (freeMb >= minFreeMb + minFreeMb / 10 && low)
        {
            low = false;
            alerts.resolve(Alerts.DISK_SPACE_LOW, "", dataDirectory.root().toString(), "data directory " +
                dataDirectory.root() + " has " + freeMb + " MiB free again");
        }
    }
}
