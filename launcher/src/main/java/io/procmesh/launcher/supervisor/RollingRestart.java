package io.procmesh.launcher.supervisor;

import java.util.List;

/**
 * An operator's `procmesh restart SERVICE`: the service's instances are restarted one at a time, each one UP
 * again before the next is stopped, so a service with several instances keeps serving throughout.
 */
final class RollingRestart
{
    private final String requestId;
    private final SupervisedService service;
    private final List<SupervisedInstance> instances;
    private final StringBuilder summary = new StringBuilder();
    private int current = -1;
    private int startsBefore;
    private long pidBefore;
    private boolean ok;

    RollingRestart(final String requestId, final SupervisedService service)
    {
        this.requestId = requestId;
        this.service = service;
        this.instances = service.instances();
    }

    String requestId()
    {
        return requestId;
    }

    /**
     * Advances the restart; called once per health check.
     *
     * @return true when finished, successfully or not; see {@link #ok()} and {@link #summary()}.
     */
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
            summary.append(instance.instanceId()).append(" FAILED: ").append(instance.detail());
            ok = false;
            return true;
        }
        if (instance.starts() > startsBefore && instance.state() == InstanceState.UP)
        {
            summary.append(instance.instanceId()).append(" pid ").append(pidBefore > 0 ? pidBefore : "-")
                .append(" -> ").append(instance.pid()).append("; ");
            return next(nowNs);
        }
        return false;
    }

    private boolean next(final long nowNs)
    {
        current++;
        if (current == instances.size())
        {
            ok = true;
            summary.insert(0, "restarted " + service.name() + ": ");
            summary.setLength(summary.length() - 2);
            return true;
        }
        final SupervisedInstance instance = instances.get(current);
        startsBefore = instance.starts();
        pidBefore = instance.child() != null ? instance.pid() : 0;
        instance.restartNow(nowNs);
        return false;
    }

    boolean ok()
    {
        return ok;
    }

    String summary()
    {
        return summary.toString();
    }
}
