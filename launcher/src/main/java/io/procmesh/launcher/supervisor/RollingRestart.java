package io.procmesh.launcher.supervisor;

import io.procmesh.core.registry.InstanceState;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An operator's `procmesh restart SERVICE`: the service's instances are restarted one at a time, each one UP
 * again before the next is stopped, so a service with several instances keeps serving throughout.
 * <p>
 * Every step ends: an instance that cannot come UP by itself (FAILED, or waiting for a FAILED service), or that
 * is not UP within its stop grace plus its start timeout (and {@link #SLACK_NS}), fails the restart with a line
 * saying why, so the operator's command returns and later restarts are not held behind it.
 */
final class RollingRestart extends OperatorAction
{
    /**
     * A few health checks on top of grace plus start timeout: the kill for "not UP in time" lands at about the
     * same moment, and its verdict should reach the summary rather than race it.
     */
    static final long SLACK_NS = TimeUnit.SECONDS.toNanos(1);

    private final String requestId;
    private final SupervisedService service;
    private final List<SupervisedInstance> instances;
    private int current = -1;
    private int startsBefore;
    private long pidBefore;
    private long stepDeadlineNs;

    RollingRestart(final String requestId, final SupervisedService service)
    {
        this.requestId = requestId;
        this.service = service;
        this.instances = service.instances();
    }

    @Override
    String requestId()
    {
        return requestId;
    }

    @Override
    String what()
    {
        return "restart of " + service.name();
    }

    @Override
    SupervisedService service()
    {
        return service;
    }

    @Override
    boolean step(final long nowNs)
    {
        if (current < 0)
        {
            service.clearFailure();
            return next(nowNs);
        }
        final SupervisedInstance instance = instances.get(current);
        if (instance.state() == InstanceState.FAILED)
        {
            return fail(instance.instanceId() + " FAILED: " + instance.detail());
        }
        if (instance.process().starts() > startsBefore && instance.state() == InstanceState.UP)
        {
            summary.append(instance.instanceId()).append(" pid ").append(pidBefore > 0 ? pidBefore : "-")
                .append(" -> ").append(instance.process().pid()).append("; ");
            return next(nowNs);
        }
        if (instance.isBlocked())
        {
            return fail(instance.instanceId() + " cannot start: " + instance.detail());
        }
        if (nowNs - stepDeadlineNs > 0)
        {
            return fail(instance.instanceId() + " not UP within " +
                TimeUnit.NANOSECONDS.toMillis(instance.restartAllowanceNs() + SLACK_NS) + " ms of its restart (" +
                instance.state() + (instance.detail().isEmpty() ? "" : ": " + instance.detail()) + ")");
        }
        return false;
    }

    private boolean fail(final String why)
    {
        summary.append(why);
        ok = false;
        return true;
    }

    private boolean next(final long nowNs)
    {
        current++;
        // One that `procmesh scale` removes (a drain that outlasted its scale's allowance) is leaving, not restarted.
        while (current < instances.size() && instances.get(current).drain().isRequested())
        {
            current++;
        }
        if (current == instances.size())
        {
            ok = true;
            summary.insert(0, "restarted " + service.name() + ": ");
            summary.setLength(summary.length() - 2);
            return true;
        }
        final SupervisedInstance instance = instances.get(current);
        startsBefore = instance.process().starts();
        pidBefore = instance.process().child() != null ? instance.process().pid() : 0;
        stepDeadlineNs = nowNs + instance.restartAllowanceNs() + SLACK_NS;
        instance.restartNow(nowNs);
        return false;
    }
}
