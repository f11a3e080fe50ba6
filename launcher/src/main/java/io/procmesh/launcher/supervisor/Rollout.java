package io.procmesh.launcher.supervisor;

import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.launcher.topology.ServiceDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An operator's `procmesh rollout SERVICE --version V` (or `procmesh rollback SERVICE`): each instance in turn is
 * replaced by one of the new release, started beside it with the next free number. The new one must come UP, then
 * serve beside the old one for the soak period ({@link io.procmesh.launcher.topology.RolloutPolicy}) without dying
 * and with an error rate (its slot's errors over its requests in) at most the policy's; callers find it through
 * discovery as soon as it is UP. Only then does the old one drain ({@link Drain}: callers stop picking it, it
 * finishes what it holds) and stop for good.
 * <p>
 * "Served a probe" is read from the new instance's slot: its requests-in count moved, so a call went through its
 * inbox and was handled. A service nobody called during the soak (its old instances' counts did not move either)
 * is judged on UP and the soak alone, and the summary says so.
 * <p>
 * A new instance that cannot start, dies, or fails too many calls rolls the rollout back: it is drained away, and
 * every instance already replaced is replaced again by one of the old release the same way (without a soak). The
 * service's release changes only once every instance runs the new one. Only the supervisor thread uses it.
 */
final class Rollout extends OperatorAction
{
    private enum Stage
    {
        BEGIN, START, SOAK, DRAIN, UNDO, DONE
    }

    private final String requestId;
    private final SupervisedService service;
    private final Fleet fleet;
    private final ServiceDefinition from;
    private final ServiceDefinition to;
    /** An automatic rollback: no soak, and no rollback of its own. */
    private final boolean undo;
    private final String verb;
    private final List<SupervisedInstance> replaced = new ArrayList<>();
    private List<SupervisedInstance> olds = List.of();
    private int index = -1;
    private SupervisedInstance fresh;
    private Stage stage = Stage.BEGIN;
    private long deadlineNs;
    private long soakEndNs;
    private long freshRequestsAtUp = -1;
    private long freshErrorsAtUp;
    private long oldRequestsAtUp;
    private Rollout rollback;
    private String failure;

    Rollout(final String requestId, final String verb, final SupervisedService service, final Fleet fleet,
            final ServiceDefinition to)
    {
        this(requestId, verb, service, fleet, service.release(), to, null);
    }

    private Rollout(final String requestId, final String verb, final SupervisedService service, final Fleet fleet,
                    final ServiceDefinition from, final ServiceDefinition to, final List<SupervisedInstance> olds)
    {
        this.requestId = requestId;
        this.verb = verb;
        this.service = service;
        this.fleet = fleet;
        this.from = from;
        this.to = to;
        this.undo = olds != null;
        if (undo)
        {
            this.olds = olds;
        }
    }

    @Override
    String requestId()
    {
        return requestId;
    }

    @Override
    String what()
    {
        return verb + " of " + service.name() + " " + version(from) + " -> " + version(to);
    }

    @Override
    SupervisedService service()
    {
        return service;
    }

    /**
     * @return where it stands, one line for `procmesh rollout --status`.
     */
    String status()
    {
        final String where = switch (stage)
        {
            case BEGIN -> "waiting for an earlier action on " + service.name();
            case START -> "step " + (index + 1) + "/" + olds.size() + ": starting " + fresh.instanceId() +
                " beside " + olds.get(index).instanceId();
            case SOAK -> "step " + (index + 1) + "/" + olds.size() + ": soaking " + fresh.instanceId();
            case DRAIN -> "step " + (index + 1) + "/" + olds.size() + ": draining " + olds.get(index).instanceId();
            case UNDO -> "rolling back (" + failure + "): " + rollback.status();
            case DONE -> ok ? "done" : failure == null ? "failed" : "rolled back: " + failure;
        };
        return service.name() + " " + version(from) + " -> " + version(to) + ": " + where;
    }

    @Override
    boolean step(final long nowNs)
    {
        switch (stage)
        {
            case BEGIN:
                if (!undo)
                {
                    olds = new ArrayList<>();
                    for (final SupervisedInstance instance : service.instances())
                    {
                        if (!instance.drain().isRequested())
                        {
                            olds.add(instance);
                        }
                    }
                }
                return next(nowNs);
            case START:
                return awaitUp(nowNs);
            case SOAK:
                return soak(nowNs);
            case DRAIN:
                return awaitDrained(nowNs);
            case UNDO:
                return awaitRollback(nowNs);
            default:
                return true;
        }
    }

    private boolean next(final long nowNs)
    {
        index++;
        if (index == olds.size())
        {
            if (!undo)
            {
                service.released(to);
            }
            stage = Stage.DONE;
            ok = true;
            summary.insert(0, (undo ? "restored " : verb.equals("rollback") ? "rolled back " : "rolled out ") +
                service.name() + " " + version(to) + " (was " + version(from) + "): ");
            summary.setLength(summary.length() - 2);
            return true;
        }
        fresh = fleet.add(service, to, olds.get(index).process().partition());
        freshRequestsAtUp = -1;
        stage = Stage.START;
        deadlineNs = nowNs + fresh.restartAllowanceNs() + RollingRestart.SLACK_NS;
        return false;
    }

    private boolean awaitUp(final long nowNs)
    {
        final String died = died(fresh);
        if (died != null)
        {
            return fail(nowNs, died);
        }
        if (!undo)
        {
            baseline();
        }
        if (fresh.state() == InstanceState.UP || fresh.state() == InstanceState.DEGRADED)
        {
            if (undo)
            {
                return drainOld(nowNs);
            }
            stage = Stage.SOAK;
            soakEndNs = nowNs + TimeUnit.MILLISECONDS.toNanos(service.definition().rollout().soakMs());
            // A soak that waits for a first call may take a start timeout more, no longer.
            deadlineNs = soakEndNs + fresh.restartAllowanceNs();
            oldRequestsAtUp = requestsIn(olds.get(index));
            return false;
        }
        if (nowNs - deadlineNs > 0)
        {
            return fail(nowNs, fresh.instanceId() + " not UP within " +
                TimeUnit.NANOSECONDS.toMillis(fresh.restartAllowanceNs() + RollingRestart.SLACK_NS) + " ms (" +
                fresh.state() + (fresh.detail().isEmpty() ? "" : ": " + fresh.detail()) + ")");
        }
        return false;
    }

    private boolean soak(final long nowNs)
    {
        final String died = died(fresh);
        if (died != null)
        {
            return fail(nowNs, died);
        }
        final InstanceSnapshot entry = baseline();
        if (entry == null)
        {
            return false;
        }
        final long calls = entry.requestsIn() - freshRequestsAtUp;
        final long errors = entry.errors() - freshErrorsAtUp;
        final double maxErrorRate = service.definition().rollout().maxErrorRate();
        // Judged at every check, not only at the end: a release that fails its calls is taken out at once.
        if (errors > 0 && errors > maxErrorRate * Math.max(calls, 1))
        {
            // An error may be counted before its request is: never report more failed than taken.
            return fail(nowNs, fresh.instanceId() + " failed " + errors + " of " + Math.max(calls, errors) +
                " calls during the soak (more than " + maxErrorRate + ")");
        }
        if (nowNs - soakEndNs < 0)
        {
            return false;
        }
        final boolean idle = requestsIn(olds.get(index)) == oldRequestsAtUp;
        if (calls == 0 && !idle)
        {
            if (nowNs - deadlineNs > 0)
            {
                return fail(nowNs, fresh.instanceId() + " took no call during the soak while " +
                    olds.get(index).instanceId() + " did");
            }
            return false;
        }
        summary.append(fresh.instanceId()).append(" pid ").append(fresh.process().pid()).append(' ')
            .append(idle && calls == 0 ? "UP (no call during the soak: the service was idle)" :
                "served " + calls + " calls, " + errors + " failed");
        return drainOld(nowNs);
    }

    /**
     * Takes the new instance's counters as they stand at its registration (a reused instance id keeps those of its
     * former holder), at the latest on its first soak check: callers pick it only once UP.
     *
     * @return its entry, or null while it has not registered.
     */
    private InstanceSnapshot baseline()
    {
        final InstanceSnapshot entry = fresh.health().entry(fresh.process().pid());
        if (entry != null && freshRequestsAtUp < 0)
        {
            freshRequestsAtUp = entry.requestsIn();
            freshErrorsAtUp = entry.errors();
        }
        return entry;
    }

    private boolean drainOld(final long nowNs)
    {
        final SupervisedInstance old = olds.get(index);
        old.drain(nowNs);
        stage = Stage.DRAIN;
        deadlineNs = nowNs + old.drain().allowanceNs() + RollingRestart.SLACK_NS;
        if (undo)
        {
            summary.append(fresh.instanceId()).append(" pid ").append(fresh.process().pid()).append(" UP");
        }
        return false;
    }

    private boolean awaitDrained(final long nowNs)
    {
        final SupervisedInstance old = olds.get(index);
        if (old.drain().isRetired())
        {
            summary.append(", replaced ").append(old.instanceId()).append("; ");
            replaced.add(fresh);
            return next(nowNs);
        }
        // The new instance is accepted once the old one drains: a crash from here on is the supervisor's to
        // restart, as any other's; rolling back now would leave the step with neither.
        if (nowNs - deadlineNs > 0)
        {
            return fail(nowNs, old.instanceId() + " not stopped within " +
                TimeUnit.NANOSECONDS.toMillis(old.drain().allowanceNs()) + " ms of its drain");
        }
        return false;
    }

    private boolean awaitRollback(final long nowNs)
    {
        if (!rollback.step(nowNs))
        {
            return false;
        }
        stage = Stage.DONE;
        summary.append(rollback.ok() ? "; rolled back: " : "; rollback FAILED: ").append(rollback.summary());
        return true;
    }

    /**
     * Ends the step that failed: the new instance leaves; under a rollout (not under its rollback) every instance
     * already replaced is replaced again by the old release.
     */
    private boolean fail(final long nowNs, final String why)
    {
        ok = false;
        failure = why;
        summary.setLength(0);
        summary.append(what()).append(" failed at step ").append(index + 1).append('/').append(olds.size())
            .append(": ").append(why);
        fresh.drain(nowNs);
        if (undo || replaced.isEmpty())
        {
            stage = Stage.DONE;
            if (!undo)
            {
                summary.append("; rolled back: ").append(fresh.instanceId()).append(" removed, ")
                    .append(service.name()).append(" runs ").append(version(from));
            }
            return true;
        }
        rollback = new Rollout(requestId, verb, service, fleet, to, from, List.copyOf(replaced));
        stage = Stage.UNDO;
        return false;
    }

    /**
     * @return why the new instance is lost (it exited or could not start, and would only be restarted), or null.
     */
    private static String died(final SupervisedInstance instance)
    {
        if (instance.state() == InstanceState.FAILED || instance.isBlocked())
        {
            return instance.instanceId() + " FAILED: " + instance.detail();
        }
        // DOWN once started: it exited (or was killed as hung, or could not be spawned) and would only restart.
        if (instance.process().starts() > 1 ||
            (instance.process().starts() == 1 && instance.state() == InstanceState.DOWN))
        {
            return instance.instanceId() + " died: " + instance.detail();
        }
        return null;
    }

    private static long requestsIn(final SupervisedInstance instance)
    {
        final InstanceSnapshot entry = instance.health().entry(instance.process().pid());
        return entry == null ? 0 : entry.requestsIn();
    }

    private static String version(final ServiceDefinition release)
    {
        return release.version() == null ? "(no version)" : release.version();
    }
}
