package io.procmesh.launcher.supervisor;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.process.ChildProcess;
import io.procmesh.launcher.process.ChildSpawner;
import io.procmesh.launcher.state.ChildPidFile;
import io.procmesh.launcher.topology.ServiceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The hot standby of one instance whose service says {@code standby: true} (docs/operations.md, "Hot standby"):
 * a second JVM started with the instance's id and a standby flag, kept while the primary is UP. It never serves
 * while the primary lives, so one that dies is simply started again (after {@value #RESTART_DELAY_MS} ms). When
 * the primary dies by itself, the standby has already taken the instance id over (it does so on its own, from the
 * kernel's lock release); the supervisor then makes it the instance's process ({@link #takeOver}) and this starts
 * the next standby once it is UP. Before any stop the launcher makes itself (restart, drain, kill of a hung one,
 * shutdown) the standby is killed first ({@link #stop}): it must not take over an instance being stopped on
 * purpose. Only the supervisor thread uses it.
 */
final class StandbyKeeper
{
    static final long RESTART_DELAY_MS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(StandbyKeeper.class);
    private final String instanceId;
    private final InstanceProcess primary;
    private final ChildSpawner spawner;
    private final Runnable wakeup;
    private final ErrorHandler errorHandler;
    private ChildProcess child;
    private long notBeforeNs;
    private int starts;

    /**
     * @param primary the instance's process: a standby runs its release (a rollout's version, not the topology's)
     *                and serves its partition, so it opens the same stores.
     */
    StandbyKeeper(final String instanceId, final InstanceProcess primary,
        final ChildSpawner spawner, final Runnable wakeup, final ErrorHandler errorHandler)
    {
        this.instanceId = instanceId;
        this.primary = primary;
        this.spawner = spawner;
        this.wakeup = wakeup;
        this.errorHandler = errorHandler;
    }

    /**
     * Restarts a standby that died, and starts one beside an UP primary that has none.
     */
    void onCycle(final boolean primaryUp, final long nowNs)
    {
        if (child != null && !child.isAlive())
        {
            LOG.warn("standby of {} (pid {}) died: {}; starting another in {} ms", instanceId, child.pid(),
                child.exitDescription(), RESTART_DELAY_MS);
            child.killLeftovers();
            child = null;
            notBeforeNs = nowNs + TimeUnit.MILLISECONDS.toNanos(RESTART_DELAY_MS);
        }
        if (child == null && primaryUp && primary.definition().standby() && nowNs - notBeforeNs >= 0)
        {
            spawn(nowNs);
        }
    }

    private void spawn(final long nowNs)
    {
        try
        {
            final ServiceDefinition release = primary.definition();
            child = spawner.spawnStandby(release, instanceId,
                PartitionProperties.of(release, primary.partition()), ++starts);
            child.onExit().thenRun(wakeup);
            LOG.info("{} standby starting: pid {} (log {})", instanceId, child.pid(), spawner.standbyLog(instanceId));
        }
        catch (final IOException | RuntimeException ex)
        {
            errorHandler.onError(ex);
            LOG.error("standby of {} cannot be started: {}", instanceId, ex.getMessage());
            notBeforeNs = nowNs + TimeUnit.MILLISECONDS.toNanos(RESTART_DELAY_MS);
        }
    }

    /**
     * A standby an earlier launcher started, found by its command line.
     */
    void adopt(final ChildProcess standby)
    {
        standby.onExit().thenRun(wakeup);
        child = standby;
        LOG.info("{} standby adopted: pid {}", instanceId, standby.pid());
    }

    /**
     * The primary died by itself: if the standby lives, it is taking the instance id over; it becomes the
     * instance's process, and its pid is recorded for a later launcher's adoption.
     *
     * @return what to report, or null if there is no live standby (the instance restarts as usual).
     */
    String takeOver(final InstanceProcess process, final long nowNs, final Path primaryLog)
    {
        if (child == null || !child.isAlive())
        {
            return null;
        }
        final long deadPid = process.pid();
        final String how = process.died(nowNs, primaryLog);
        final ChildProcess promoted = child;
        child = null;
        // A JVM's start takes a core for a second or so: started at once, the next standby would compete with the
        // take-over's first replies on a 2-core host.
        notBeforeNs = nowNs + TimeUnit.MILLISECONDS.toNanos(RESTART_DELAY_MS);
        process.promoted(promoted, wakeup);
        try
        {
            ChildPidFile.write(new LauncherFiles(spawner.dataDirectory()), instanceId, promoted.pid());
        }
        catch (final IOException ex)
        {
            // The registry names it once it took over: adoption still finds it.
            errorHandler.onError(ex);
        }
        LOG.info("{} pid {} died ({}): standby pid {} takes over", instanceId, deadPid, how, promoted.pid());
        return "pid " + deadPid + " died (" + how + "): standby pid " + promoted.pid() + " took over";
    }

    /**
     * SIGKILL: a standby holds nothing to flush, and must not outlive a stop the launcher makes on purpose.
     */
    void stop()
    {
        if (child != null)
        {
            child.kill();
            child = null;
        }
    }

    /**
     * @return the live standby's pid, or 0.
     */
    long pid()
    {
        return child != null && child.isAlive() ? child.pid() : 0;
    }
}
