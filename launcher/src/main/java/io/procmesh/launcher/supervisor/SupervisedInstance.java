package io.procmesh.launcher.supervisor;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.registry.Registry;
import io.procmesh.launcher.health.InstanceHealth;
import io.procmesh.launcher.health.Verdict;
import io.procmesh.launcher.process.ChildProcess;
import io.procmesh.launcher.process.ChildSpawner;
import io.procmesh.launcher.process.GracefulStop;
import io.procmesh.launcher.process.LogTail;
import io.procmesh.launcher.state.InstanceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The life of one instance, advanced once per health check by {@link #onCycle(long)}; its one state is an
 * {@link InstancePhase}, which also says what the launcher reports:
 * <pre>
 * WAITING --deps UP, delay over--&gt; STARTING --UP in registry--&gt; UP &lt;--&gt; DEGRADED
 *    ^                               |  dead / not UP in time        |  dead / hung / stuck
 *    |                               v                               v
 *    +--backoff &lt;-- (intensity ok) --+---- STOPPING (SIGKILL) &lt;------+
 *                   (intensity exceeded) --&gt; FAILED
 * </pre>
 * A manual restart stops it gracefully (SIGTERM, SIGKILL after the grace period) and starts it again at once,
 * without counting against the intensity limit. Only the supervisor thread calls into it.
 */
final class SupervisedInstance
{
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedInstance.class);
    private static final long AFTER_KILL_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(GracefulStop.AFTER_KILL_WAIT_MS);

    private final SupervisedService service;
    private final String instanceId;
    private final InstanceHealth health;
    private final Backoff backoff;
    private final ChildSpawner spawner;
    private final Runnable wakeup;
    private final InstanceReport report;
    private final ErrorHandler errorHandler;
    private final long startTimeoutNs;
    private final long stableAfterNs;
    private final long shutdownGraceNs;

    private final PendingStop stop = new PendingStop();
    private InstancePhase phase = InstancePhase.WAITING;
    private ChildProcess child;
    private long pid;
    private int starts;
    private int restarts;
    private boolean everRan;
    private long phaseSinceNs;
    private boolean stable;
    private long notBeforeNs;
    private SupervisedService waitingFor;
    private boolean waitingForFailed;
    private long lastExitDetectedNs;

    SupervisedInstance(
        final SupervisedService service,
        final String instanceId,
        final InstanceHealth health,
        final ChildSpawner spawner,
        final long shutdownGraceMs,
        final Runnable wakeup,
        final Runnable onStateChange,
        final ErrorHandler errorHandler)
    {
        this.service = service;
        this.instanceId = instanceId;
        this.health = health;
        this.spawner = spawner;
        this.wakeup = wakeup;
        this.report = new InstanceReport(onStateChange);
        this.errorHandler = errorHandler;
        this.backoff = new Backoff(service.definition().restart().initialBackoffMs(),
            service.definition().restart().maxBackoffMs());
        this.startTimeoutNs = TimeUnit.MILLISECONDS.toNanos(service.definition().health().startTimeoutMs());
        this.stableAfterNs = TimeUnit.MILLISECONDS.toNanos(service.definition().restart().stableAfterMs());
        this.shutdownGraceNs = TimeUnit.MILLISECONDS.toNanos(shutdownGraceMs);
    }

    /**
     * Takes over a process a previous launcher started; it is then supervised like one started here.
     */
    void adopt(final ChildProcess process, final int previousRestarts, final long nowNs)
    {
        child = process;
        pid = process.pid();
        restarts = previousRestarts;
        everRan = true;
        phase = InstancePhase.STARTING;
        phaseSinceNs = nowNs;
        health.reset();
        process.onExit().thenRun(wakeup);
        LOG.info("{} adopted: pid {} was started by an earlier launcher", instanceId, pid);
        report("adopted", nowNs);
    }

    void onCycle(final long nowNs)
    {
        switch (phase)
        {
            case WAITING:
                waitToStart(nowNs);
                break;
            case STARTING:
            case UP:
            case DEGRADED:
                check(nowNs);
                break;
            case STOPPING:
                awaitStop(nowNs);
                break;
            default:
                break;
        }
    }

    /**
     * An operator's restart: graceful stop, then an immediate start.
     */
    void restartNow(final long nowNs)
    {
        switch (phase)
        {
            case STARTING:
            case UP:
            case DEGRADED:
                LOG.info("{} restart requested: SIGTERM to pid {}", instanceId, pid);
                child.terminate();
                phase = InstancePhase.STOPPING;
                stop.graceful(nowNs + shutdownGraceNs);
                report("restart requested: stopping", nowNs);
                break;
            case STOPPING:
                stop.restartAtOnce();
                break;
            default:
                phase = InstancePhase.WAITING;
                notBeforeNs = nowNs;
                waitingFor = null;
                backoff.reset();
                report("restart requested", nowNs);
                break;
        }
    }

    private void waitToStart(final long nowNs)
    {
        if (service.isFailed())
        {
            phase = InstancePhase.FAILED;
            report("service " + service.name() + " FAILED", nowNs);
            return;
        }
        if (nowNs - notBeforeNs < 0)
        {
            return;
        }
        final SupervisedService blocker = service.firstDependencyNotUp();
        if (blocker != null)
        {
            if (blocker != waitingFor || blocker.isBlocked() != waitingForFailed)
            {
                waitingFor = blocker;
                waitingForFailed = blocker.isBlocked();
                report("waiting for " + blocker.name() + (waitingForFailed ? " (FAILED)" : ""), nowNs);
            }
            return;
        }
        waitingFor = null;
        spawn(nowNs);
    }

    private void spawn(final long nowNs)
    {
        if (everRan)
        {
            restarts++;
        }
        everRan = true;
        starts++;
        try
        {
            child = spawner.spawn(service.definition(), instanceId, starts);
        }
        catch (final Exception ex)
        {
            errorHandler.onError(ex);
            LOG.error("{} cannot be started: {}", instanceId, ex.getMessage());
            afterFailure(nowNs, "cannot be started: " + ex.getMessage());
            return;
        }
        pid = child.pid();
        phase = InstancePhase.STARTING;
        phaseSinceNs = nowNs;
        health.spawnedAt(nowNs);
        child.onExit().thenRun(wakeup);
        LOG.info("{} starting: pid {} (start #{}, log {})", instanceId, pid, starts, spawner.log(instanceId));
        report("", nowNs);
    }

    private void check(final long nowNs)
    {
        final Verdict verdict = health.assess(pid, child.isAlive(), nowNs);
        switch (verdict)
        {
            case DEAD:
                exited(nowNs);
                break;
            case STARTING:
                if (phase == InstancePhase.STARTING && nowNs - phaseSinceNs > startTimeoutNs)
                {
                    kill(nowNs, "not UP " + TimeUnit.NANOSECONDS.toMillis(startTimeoutNs) + " ms after start");
                }
                break;
            case UP:
                up(nowNs);
                break;
            case DEGRADED:
                if (phase == InstancePhase.UP)
                {
                    phase = InstancePhase.DEGRADED;
                    report(health.degradedReason(nowNs), nowNs);
                    LOG.warn("{} DEGRADED: {}", instanceId, report.detail());
                }
                break;
            case MISNAMED:
                kill(nowNs, health.misnamedReason());
                break;
            case HUNG:
                kill(nowNs, health.hungReason());
                break;
            case STUCK:
                kill(nowNs, health.stuckReason(nowNs));
                break;
            default:
                throw new IllegalStateException("unknown verdict " + verdict);
        }
    }

    private void up(final long nowNs)
    {
        if (phase == InstancePhase.STARTING)
        {
            LOG.info("{} UP: pid {}, {} ms after start", instanceId, pid,
                TimeUnit.NANOSECONDS.toMillis(nowNs - phaseSinceNs));
            phase = InstancePhase.UP;
            phaseSinceNs = nowNs;
            stable = false;
        }
        else if (phase == InstancePhase.DEGRADED)
        {
            LOG.info("{} UP again after being DEGRADED", instanceId);
            phase = InstancePhase.UP;
        }
        if (!stable && nowNs - phaseSinceNs >= stableAfterNs)
        {
            stable = true;
            backoff.reset();
        }
        report("", nowNs);
    }

    private void exited(final long nowNs)
    {
        lastExitDetectedNs = nowNs;
        health.markDown(pid);
        final String how = child.exitDescription();
        if (child.exitedByItself())
        {
            final Path log = spawner.log(instanceId);
            LOG.warn("{} pid {} died: {}; {} ends with: {}", instanceId, pid, how, log, LogTail.lastLine(log));
        }
        else
        {
            LOG.warn("{} pid {} died: {}", instanceId, pid, how);
        }
        child.killLeftovers();
        child = null;
        afterFailure(nowNs, "pid " + pid + " died: " + how);
    }

    private void kill(final long nowNs, final String reason)
    {
        LOG.warn("{} {}: SIGKILL to pid {}", instanceId, reason, pid);
        child.kill();
        phase = InstancePhase.STOPPING;
        stop.killed(nowNs, reason);
        report("killed: " + reason, nowNs);
    }

    private void awaitStop(final long nowNs)
    {
        if (child.isAlive())
        {
            if (!stop.killSent() && nowNs - stop.deadlineNs() >= 0)
            {
                LOG.warn("{} pid {} did not stop within the grace period: SIGKILL", instanceId, pid);
                child.kill();
                stop.escalated(nowNs);
            }
            if (!stop.killSent() || nowNs - stop.deadlineNs() < AFTER_KILL_WAIT_NS)
            {
                return;
            }
            // Past SIGKILL it runs no code of its own (a zombie, or stuck in the kernel): waiting on would stall
            // this instance for good, silently.
            errorHandler.onError(GracefulStop.survivedKill(instanceId, pid));
        }
        child.killLeftovers();
        lastExitDetectedNs = nowNs;
        health.markDown(pid);
        child = null;
        if (stop.isRestartAtOnce())
        {
            phase = InstancePhase.WAITING;
            notBeforeNs = nowNs;
            waitingFor = null;
            backoff.reset();
            report("restarting", nowNs);
        }
        else
        {
            afterFailure(nowNs, stop.reason());
        }
    }

    private void afterFailure(final long nowNs, final String reason)
    {
        if (!service.tryRestart(nowNs, instanceId, reason, spawner.log(instanceId)))
        {
            phase = InstancePhase.FAILED;
            report(reason, nowNs);
            return;
        }
        final long delayMs = backoff.nextDelayMs();
        phase = InstancePhase.WAITING;
        notBeforeNs = nowNs + TimeUnit.MILLISECONDS.toNanos(delayMs);
        waitingFor = null;
        LOG.info("{} restarting in {} ms", instanceId, delayMs);
        report(reason + "; restarting in " + delayMs + " ms", nowNs);
    }

    private void report(final String detail, final long nowNs)
    {
        report.publish(phase, detail, nowNs);
    }

    /**
     * Called by the supervisor after it stopped this instance's process at shutdown.
     */
    void stoppedAtShutdown(final long nowNs)
    {
        if (child != null)
        {
            health.markDown(pid);
            child = null;
        }
        phase = InstancePhase.WAITING;
        report("stopped", nowNs);
    }

    /**
     * First half of a registry recovery, after the supervisor killed this instance's process: lets go of the
     * process and of the old mapping, which is about to be closed.
     */
    void releaseForRegistryRecovery(final long nowNs)
    {
        if (child != null)
        {
            health.markDown(pid);
            lastExitDetectedNs = nowNs;
            child = null;
        }
        health.detach();
        if (phase != InstancePhase.FAILED)
        {
            phase = InstancePhase.WAITING;
            notBeforeNs = Long.MAX_VALUE;
            report("registry wedged: recovering it", nowNs);
        }
    }

    /**
     * Second half: starts again at once against the recovered map. Not a failure of the instance, so not counted
     * against its restart intensity; a FAILED instance stays FAILED.
     */
    void startAfterRegistryRecovery(final Registry recovered, final long nowNs)
    {
        health.rebind(recovered);
        if (phase == InstancePhase.FAILED)
        {
            return;
        }
        notBeforeNs = nowNs;
        waitingFor = null;
        backoff.reset();
        report("registry recovered: restarting", nowNs);
    }

    /**
     * @return true while it waits out a restart delay, which ends at {@link #notBeforeNs()}.
     */
    boolean isDelayed(final long nowNs)
    {
        return phase == InstancePhase.WAITING && nowNs - notBeforeNs < 0;
    }

    long notBeforeNs()
    {
        return notBeforeNs;
    }

    /**
     * @return how long an operator's restart of this instance may take: a graceful stop, then a start.
     */
    long restartAllowanceNs()
    {
        return shutdownGraceNs + startTimeoutNs;
    }

    /**
     * @return true if it cannot come UP by itself: FAILED, or waiting for a FAILED service.
     */
    boolean isBlocked()
    {
        return phase == InstancePhase.FAILED || (phase == InstancePhase.WAITING && service.isBlocked());
    }

    String instanceId()
    {
        return instanceId;
    }

    SupervisedService service()
    {
        return service;
    }

    InstanceState state()
    {
        return phase.reported();
    }

    String detail()
    {
        return report.detail();
    }

    ChildProcess child()
    {
        return child;
    }

    long pid()
    {
        return pid;
    }

    int starts()
    {
        return starts;
    }

    int restarts()
    {
        return restarts;
    }

    long stateSinceMs()
    {
        return report.sinceMs();
    }

    long stateSinceNs()
    {
        return report.sinceNs();
    }

    long lastExitDetectedNs()
    {
        return lastExitDetectedNs;
    }

    long heartbeatTimeoutMs()
    {
        return health.heartbeatTimeoutMs();
    }
}
