package io.procmesh.launcher.supervisor;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.launcher.alert.Alerts;
import io.procmesh.launcher.health.InstanceHealth;
import io.procmesh.launcher.incident.Incident;
import io.procmesh.launcher.health.Verdict;
import io.procmesh.launcher.process.ChildProcess;
import io.procmesh.launcher.process.ChildSpawner;
import io.procmesh.launcher.state.LauncherState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * without counting against the intensity limit. A scale-down ({@link Drain}) takes it through DRAINING and
 * STOPPING to RETIRED, for good. Only the supervisor thread calls into it.
 */
final class SupervisedInstance
{
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedInstance.class);
    private static final String[] KILL_ALERTS = {Alerts.INSTANCE_DIED, Alerts.INSTANCE_HUNG, Alerts.INSTANCE_STUCK};

    private final SupervisedService service;
    private final String instanceId;
    private final InstanceHealth health;
    private final ChildSpawner spawner;
    private final Runnable wakeup;
    private final InstanceReport report;
    private final ErrorHandler errorHandler;
    private final long startTimeoutNs;
    private final long stableAfterNs;
    private final long shutdownGraceNs;
    private final PendingStop stop;
    private final Drain drain;
    private final InstanceProcess process;
    private final StandbyKeeper standby;
    private final StartSchedule schedule;
    private InstancePhase phase = InstancePhase.WAITING;
    private long phaseSinceNs;
    private boolean stable;

    SupervisedInstance(
        final SupervisedService service,
        final String instanceId,
        final int partition,
        final InstanceHealth health,
        final ChildSpawner spawner,
        final long shutdownGraceMs,
        final long drainTimeoutMs,
        final Runnable wakeup,
        final Runnable onStateChange,
        final ErrorHandler errorHandler)
    {
        this.service = service;
        this.instanceId = instanceId;
        this.health = health;
        this.process = new InstanceProcess(instanceId, partition, health);
        process.runs(service.release());
        this.stop = new PendingStop(instanceId, process, errorHandler);
        this.spawner = spawner;
        this.wakeup = wakeup;
        this.report = new InstanceReport(onStateChange);
        this.standby = new StandbyKeeper(instanceId, process, spawner, wakeup, errorHandler);
        this.errorHandler = errorHandler;
        this.schedule = new StartSchedule(new Backoff(service.definition().restart().initialBackoffMs(),
            service.definition().restart().maxBackoffMs()));
        this.startTimeoutNs = TimeUnit.MILLISECONDS.toNanos(service.definition().health().startTimeoutMs());
        this.stableAfterNs = TimeUnit.MILLISECONDS.toNanos(service.definition().restart().stableAfterMs());
        this.shutdownGraceNs = TimeUnit.MILLISECONDS.toNanos(shutdownGraceMs);
        this.drain = new Drain(instanceId, health, process, stop, TimeUnit.MILLISECONDS.toNanos(drainTimeoutMs),
            shutdownGraceNs);
    }

    /** Takes over a process a previous launcher started; it is then supervised like one started here. */
    void adopt(final ChildProcess child, final int previousRestarts, final long nowNs)
    {
        process.adopted(child, previousRestarts, wakeup);
        phaseSinceNs = nowNs;
        health.reset();
        LOG.info("{} adopted: pid {} was started by an earlier launcher", instanceId, child.pid());
        enter(InstancePhase.STARTING, "adopted", nowNs);
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
            case DRAINING:
                enter(drain.awaitDrained(nowNs), drain.detail(), nowNs);
                break;
            case STOPPING:
                awaitStop(nowNs);
                break;
            default:
                break;
        }
        standby.onCycle(phase == InstancePhase.UP, nowNs);
    }

    /** An operator's restart: graceful stop, then an immediate start. */
    void restartNow(final long nowNs)
    {
        switch (phase)
        {
            case STARTING:
            case UP:
            case DEGRADED:
                standby.stop();
                stop.terminate(nowNs + shutdownGraceNs);
                enter(InstancePhase.STOPPING, "restart requested: stopping", nowNs);
                break;
            case STOPPING:
                stop.restartAtOnce();
                break;
            default:
                schedule.atOnce(nowNs);
                enter(InstancePhase.WAITING, "restart requested", nowNs);
                break;
        }
    }

    /** `procmesh scale` removes it, for good; see {@link Drain}. */
    void drain(final long nowNs)
    {
        standby.stop();
        enter(drain.begin(phase, nowNs), drain.detail(), nowNs);
    }

    private void waitToStart(final long nowNs)
    {
        if (service.isFailed())
        {
            enter(InstancePhase.FAILED, "service " + service.name() + " FAILED", nowNs);
            return;
        }
        if (!schedule.isDue(nowNs))
        {
            return;
        }
        final SupervisedService blocker = service.firstDependencyNotUp();
        if (schedule.blockedBy(blocker))
        {
            enter(phase, "waiting for " + blocker.name() + (blocker.isBlocked() ? " (FAILED)" : ""), nowNs);
        }
        if (blocker == null)
        {
            spawn(nowNs);
        }
    }

    private void spawn(final long nowNs)
    {
        final String failure = process.spawn(spawner, wakeup, errorHandler);
        if (failure != null)
        {
            afterFailure(nowNs, "cannot be started: " + failure);
            return;
        }
        phaseSinceNs = nowNs;
        health.spawnedAt(nowNs);
        enter(InstancePhase.STARTING, "", nowNs);
    }

    private void check(final long nowNs)
    {
        final Verdict verdict = health.assess(process.pid(), process.child().isAlive(), nowNs);
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
                    enter(InstancePhase.DEGRADED, health.degradedReason(nowNs), nowNs);
                    LOG.warn("{} DEGRADED: {}", instanceId, report.detail());
                }
                break;
            case HUNG:
            case STUCK:
                final String why = health.killReason(verdict, nowNs);
                final boolean hung = verdict == Verdict.HUNG;
                final String incident = service.incident(instanceId, process.pid(),
                    hung ? Incident.HUNG : Incident.STUCK, why, health.entry(process.pid()), spawner.log(instanceId));
                service.alerts().fire(hung ? Alerts.INSTANCE_HUNG : Alerts.INSTANCE_STUCK, Alerts.WARNING,
                    service.name(), instanceId, instanceId + " pid " + process.pid() + " killed: " + why + incident);
                kill(nowNs, why);
                break;
            case MISNAMED:
                kill(nowNs, health.killReason(verdict, nowNs));
                break;
            default:
                throw new IllegalStateException("unknown verdict " + verdict);
        }
    }

    private void up(final long nowNs)
    {
        if (phase == InstancePhase.STARTING)
        {
            LOG.info("{} UP: pid {}, {} ms after start", instanceId, process.pid(),
                TimeUnit.NANOSECONDS.toMillis(nowNs - phaseSinceNs));
            resolveKillAlerts("UP again: pid " + process.pid());
            // A service an earlier launcher left FAILED runs again under this one.
            service.alerts().resolve(Alerts.SERVICE_FAILED, service.name(), "", "service '" + service.name() +
                "' runs again: " + instanceId + " UP");
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
            schedule.stable();
            service.stable(instanceId, nowNs);
        }
        enter(phase, "", nowNs);
    }

    private void exited(final long nowNs)
    {
        final long deadPid = process.pid();
        final InstanceSnapshot counters = health.entry(deadPid);
        final String tookOver = standby.takeOver(process, nowNs, spawner.log(instanceId));
        final String how = tookOver != null ? tookOver : process.died(nowNs, spawner.log(instanceId));
        final String incident = service.incident(instanceId, deadPid, Incident.DIED, how, counters,
            spawner.log(instanceId));
        service.alerts().fire(Alerts.INSTANCE_DIED, Alerts.WARNING, service.name(), instanceId,
            instanceId + " pid " + deadPid + " died: " + how + incident);
        if (tookOver != null)
        {
            phaseSinceNs = nowNs;
            health.reset();
            enter(InstancePhase.STARTING, tookOver, nowNs);
            return;
        }
        afterFailure(nowNs, "pid " + deadPid + " died: " + how);
    }

    private void resolveKillAlerts(final String why)
    {
        for (final String name : KILL_ALERTS)
        {
            service.alerts().resolve(name, service.name(), instanceId, instanceId + " " + why);
        }
    }

    private void kill(final long nowNs, final String reason)
    {
        standby.stop();
        stop.kill(nowNs, reason);
        enter(InstancePhase.STOPPING, "killed: " + reason, nowNs);
    }

    private void awaitStop(final long nowNs)
    {
        if (!stop.isOver(nowNs))
        {
            return;
        }
        if (drain.isRequested())
        {
            enter(drain.letGo(stop.reason() + ": stopped"), drain.detail(), nowNs);
            resolveKillAlerts("let go: " + drain.detail());
        }
        else if (stop.isRestartAtOnce())
        {
            startAgainAt(nowNs, "restarting", nowNs);
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
            enter(InstancePhase.FAILED, reason, nowNs);
            return;
        }
        final long delayMs = schedule.afterFailure(nowNs);
        LOG.info("{} restarting in {} ms", instanceId, delayMs);
        enter(InstancePhase.WAITING, reason + "; restarting in " + delayMs + " ms", nowNs);
    }

    /** Enters {@code next} (or stays in its phase) and reports it, with why. */
    private void enter(final InstancePhase next, final String detail, final long nowNs)
    {
        phase = next;
        report.publish(phase, detail, nowNs);
    }

    /** Called by the supervisor after it stopped this instance's process at shutdown. */
    void stoppedAtShutdown(final long nowNs)
    {
        process.release();
        enter(InstancePhase.WAITING, "stopped", nowNs);
    }

    /**
     * Waits to start (again) at {@code startNs}, with a fresh backoff, not as a failure: after an operator's
     * restart, or around a registry recovery ({@link WedgeRecovery}; {@code Long.MAX_VALUE} holds it until the
     * map is back). A FAILED instance stays FAILED.
     */
    void startAgainAt(final long startNs, final String detail, final long nowNs)
    {
        if (drain.isRequested())
        {
            enter(drain.letGo("scaled down: " + detail), drain.detail(), nowNs);
            resolveKillAlerts("let go: " + drain.detail());
        }
        else if (phase != InstancePhase.FAILED)
        {
            schedule.atOnce(startNs);
            enter(InstancePhase.WAITING, detail, nowNs);
        }
    }

    /** @return when the restart delay it waits out now ends, or {@code Long.MAX_VALUE} if it waits none. */
    long delayedUntilNs(final long nowNs)
    {
        return phase == InstancePhase.WAITING && !schedule.isDue(nowNs) ? schedule.notBeforeNs() : Long.MAX_VALUE;
    }

    /** @return how long an operator's restart of this instance may take: a graceful stop, then a start. */
    long restartAllowanceNs()
    {
        return shutdownGraceNs + startTimeoutNs;
    }

    /** @return true if it cannot come UP by itself: FAILED, or waiting for a FAILED service. */
    boolean isBlocked()
    {
        return phase == InstancePhase.FAILED || (phase == InstancePhase.WAITING && service.isBlocked());
    }

    /** @return its hot standby (none running unless its service says {@code standby: true}). */
    StandbyKeeper standby()
    {
        return standby;
    }

    /** @return its removal by `procmesh scale`, if one was requested: leaving, then retired. */
    Drain drain()
    {
        return drain;
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

    long stateSinceNs()
    {
        return report.sinceNs();
    }

    String detail()
    {
        return report.detail();
    }

    /** @return its health checks, bound to the registry mapping it reads its slot from. */
    InstanceHealth health()
    {
        return health;
    }

    /** @return its process: the running child (or null), pid, starts and restarts. */
    InstanceProcess process()
    {
        return process;
    }

    /** @return what the state file says about it. */
    LauncherState.Instance stateEntry()
    {
        return report.entry(instanceId, service.name(), process, health.heartbeatTimeoutMs());
    }
}
