package io.procmesh.launcher.supervisor;

import io.procmesh.launcher.health.InstanceHealth;
import io.procmesh.launcher.process.GracefulStop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The removal of one instance by `procmesh scale`: DRAINING (marked so in the registry, so callers stop picking it)
 * until it holds nothing or the drain timeout passes, then SIGTERM for good ({@link PendingStop}, SIGKILL after the
 * grace period), then RETIRED: never started again. Each method returns the phase its instance enters; the detail
 * says why. Only the supervisor thread uses it.
 */
final class Drain
{
    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

    private final String instanceId;
    private final InstanceHealth health;
    private final InstanceProcess process;
    private final PendingStop stop;
    private final long drainTimeoutNs;
    private final long shutdownGraceNs;
    private boolean requested;
    private boolean retired;
    private long deadlineNs;
    private String detail = "";

    Drain(
        final String instanceId,
        final InstanceHealth health,
        final InstanceProcess process,
        final PendingStop stop,
        final long drainTimeoutNs,
        final long shutdownGraceNs)
    {
        this.instanceId = instanceId;
        this.health = health;
        this.process = process;
        this.stop = stop;
        this.drainTimeoutNs = drainTimeoutNs;
        this.shutdownGraceNs = shutdownGraceNs;
    }

    /**
     * @return DRAINING for a running process; the same phase while a stop is under way (it retires once that stop is
     * over); RETIRED for one not running.
     */
    InstancePhase begin(final InstancePhase phase, final long nowNs)
    {
        requested = true;
        if (phase.isRunning())
        {
            health.markDraining(process.pid(), nowNs);
            deadlineNs = nowNs + drainTimeoutNs;
            LOG.info("{} scaled down: draining pid {}", instanceId, process.pid());
            detail = "scaled down: draining";
            return InstancePhase.DRAINING;
        }
        if (phase == InstancePhase.STOPPING)
        {
            detail = "scaled down: stopping";
            return phase;
        }
        return letGo("scaled down");
    }

    /**
     * @return DRAINING while it still holds something, STOPPING once SIGTERM is sent, RETIRED if it exited.
     */
    InstancePhase awaitDrained(final long nowNs)
    {
        if (!process.child().isAlive())
        {
            process.exited(nowNs);
            return letGo("scaled down: exited while draining");
        }
        final boolean drained = health.isDrained(process.pid(), nowNs);
        if (!drained && nowNs - deadlineNs < 0)
        {
            return InstancePhase.DRAINING;
        }
        final String why = drained ? "drained" :
            "not drained within " + TimeUnit.NANOSECONDS.toMillis(drainTimeoutNs) + " ms";
        stop.terminateForGood(nowNs + shutdownGraceNs, "scaled down, " + why);
        detail = "scaled down, " + why + ": stopping";
        return InstancePhase.STOPPING;
    }

    /**
     * @param why what ended it: the stop that is over, or a registry recovery that killed it.
     * @return RETIRED, the process let go (its registry entry is marked DOWN).
     */
    InstancePhase letGo(final String why)
    {
        process.release();
        retired = true;
        LOG.info("{} {}: no longer supervised", instanceId, why);
        detail = why;
        return InstancePhase.RETIRED;
    }

    /**
     * @return how long a drain may take, at most: the drain timeout, the grace period, the wait after SIGKILL.
     */
    long allowanceNs()
    {
        return drainTimeoutNs + shutdownGraceNs + TimeUnit.MILLISECONDS.toNanos(GracefulStop.AFTER_KILL_WAIT_MS);
    }

    /**
     * @return true once `procmesh scale` removed the instance: draining, stopping for good, or retired.
     */
    boolean isRequested()
    {
        return requested;
    }

    /**
     * @return true once it is stopped for good: the supervisor then lets go of the instance.
     */
    boolean isRetired()
    {
        return retired;
    }

    String detail()
    {
        return detail;
    }
}
