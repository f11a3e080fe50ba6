package io.procmesh.launcher.recovery;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Removes, from the launcher's supervising thread every interval, the registry entries of instances gone for good
 * ({@link Registry#reclaim}): exited clients, and instances the launcher no longer supervises. The keep predicate
 * spares every instance the launcher supervises, so a crashed one it will restart keeps its entry and counters.
 * Like the status publisher, it probes the segment locks first, so a wedged map never stalls supervision here
 * (the watchdog deals with that).
 */
public final class RegistryReclaimer
{
    private static final Logger LOG = LoggerFactory.getLogger(RegistryReclaimer.class);
    private static final long PROBE_MS = 20;

    private final Supplier<Registry> registries;
    private final Predicate<InstanceSnapshot> keep;
    private final long intervalNs;
    private final ErrorHandler errorHandler;
    private long nextNs;
    private boolean attempted;
    private long reclaimed;

    /**
     * @param keep       entries never to remove, judged on a copy (the launcher's: "is it one I supervise?").
     * @param intervalMs how often to look; 0 or less never reclaims (then only a full registry does).
     */
    public RegistryReclaimer(
        final Supplier<Registry> registries,
        final Predicate<InstanceSnapshot> keep,
        final long intervalMs,
        final ErrorHandler errorHandler)
    {
        this.registries = registries;
        this.keep = keep;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.errorHandler = errorHandler;
    }

    /**
     * @return how many entries this call removed.
     */
    public int reclaimIfDue(final long nowNs)
    {
        if (intervalNs <= 0 || attempted && nowNs - nextNs < 0)
        {
            return 0;
        }
        attempted = true;
        nextNs = nowNs + intervalNs;
        final Registry registry = registries.get();
        if (registry == null)
        {
            return 0;
        }
        try
        {
            if (!registry.isResponsive(PROBE_MS))
            {
                return 0;
            }
            final List<InstanceSnapshot> removed = registry.reclaim(registry.reclaimGraceMs(), keep);
            for (final InstanceSnapshot gone : removed)
            {
                LOG.info("registry: removed {} of service {} (pid {} gone, no heartbeat for over {} ms)",
                    gone.instanceId(), gone.service(), gone.pid(), registry.reclaimGraceMs());
            }
            reclaimed += removed.size();
            return removed.size();
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            return 0;
        }
    }

    /**
     * @return how many entries were removed since the launcher started.
     */
    public long reclaimed()
    {
        return reclaimed;
    }
}
