package io.procmesh.launcher.supervisor;

import io.procmesh.core.registry.InstanceState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An operator's `procmesh scale SERVICE N`: new instances take the next numbers and start like any other (the
 * service's dependencies already run); removed ones, the highest numbers, drain and stop for good ({@link Drain}).
 * The others are not touched. It ends once every new instance is UP, or every removed one is stopped; or, with a
 * line saying why, when a new one cannot come UP by itself or a step outlasts its allowance (start timeout, or drain
 * timeout plus grace, plus {@link RollingRestart#SLACK_NS}). The count asked for stays in force either way.
 */
final class Scaling extends OperatorAction
{
    private final String requestId;
    private final SupervisedService service;
    private final int target;
    private final Fleet fleet;
    private final List<SupervisedInstance> added = new ArrayList<>();
    private final List<SupervisedInstance> removed = new ArrayList<>();
    private boolean begun;
    private int from;
    private long deadlineNs;
    private long allowanceNs;

    Scaling(final String requestId, final SupervisedService service, final int target, final Fleet fleet)
    {
        this.requestId = requestId;
        this.service = service;
        this.target = target;
        this.fleet = fleet;
    }

    /**
     * @return why {@code count} is refused for the service (one line), or null if it may go ahead.
     */
    static String refusal(final SupervisedService service, final String count)
    {
        final int asked;
        try
        {
            asked = Integer.parseInt(count);
        }
        catch (final NumberFormatException ex)
        {
            return "N must be a whole number, was '" + count + "'";
        }
        if (asked < 0)
        {
            return "N must be at least 0, was " + asked;
        }
        final int partitions = service.definition().partitions();
        if (partitions > 0)
        {
            return service.name() + " has partitions: " + partitions + ", one instance per partition, and its keys " +
                "live in their partition's stores, so its count cannot change while it runs; to run more " +
                "partitions, start with a new data directory or export and import the data (docs/operations.md, " +
                "\"State when a service has replicas\")";
        }
                final int max = service.definition().maxInstances();
        if (asked > max)
        {
            return service.name() + " may run at most " + max + " instances (maxInstances in the topology), " +
                "asked for " + asked;
        }
        return null;
    }

    @Override
    String requestId()
    {
        return requestId;
    }

    @Override
    String what()
    {
        return "scale of " + service.name() + " to " + target;
    }

    @Override
    SupervisedService service()
    {
        return service;
    }

    @Override
    boolean step(final long nowNs)
    {
        if (!begun)
        {
            return begin(nowNs);
        }
        for (final SupervisedInstance instance : added)
        {
            if (instance.state() == InstanceState.FAILED || instance.isBlocked())
            {
                return fail(instance.instanceId() + " cannot come UP (" + instance.state() + ": " +
                    instance.detail() + ")");
            }
        }
        if (added.stream().allMatch(Scaling::isServing) && removed.stream().allMatch(i -> i.drain().isRetired()))
        {
            for (final SupervisedInstance instance : added)
            {
                summary.append(instance.instanceId()).append(" started: pid ").append(instance.process().pid())
                    .append(", UP\n");
            }
            for (final SupervisedInstance instance : removed)
            {
                summary.append(instance.instanceId()).append(" pid ").append(instance.process().pid()).append(": ")
                    .append(instance.detail()).append('\n');
            }
            ok = true;
            summary.append("scaled ").append(service.name()).append(" from ").append(from).append(" to ")
                .append(target).append(target == 1 ? " instance" : " instances");
            return true;
        }
        if (nowNs - deadlineNs > 0)
        {
            return fail("not done within " + TimeUnit.NANOSECONDS.toMillis(allowanceNs) + " ms: " + pending());
        }
        return false;
    }

    private boolean begin(final long nowNs)
    {
        begun = true;
        from = service.count();
        if (from == target)
        {
            ok = true;
            summary.append(service.name()).append(" already runs ").append(target)
                .append(target == 1 ? " instance" : " instances");
            return true;
        }
        for (int i = from; i < target; i++)
        {
            final SupervisedInstance instance = fleet.add(service);
            added.add(instance);
            allowanceNs = Math.max(allowanceNs, instance.restartAllowanceNs());
        }
        if (target < from)
        {
            for (final SupervisedInstance instance : fleet.highest(service, from - target))
            {
                removed.add(instance);
                instance.drain(nowNs);
                allowanceNs = Math.max(allowanceNs, instance.drain().allowanceNs());
            }
        }
        allowanceNs += RollingRestart.SLACK_NS;
        deadlineNs = nowNs + allowanceNs;
        return false;
    }

    private String pending()
    {
        final StringBuilder pending = new StringBuilder();
        for (final SupervisedInstance instance : added)
        {
            if (!isServing(instance))
            {
                pending.append(instance.instanceId()).append(' ').append(instance.state()).append("; ");
            }
        }
        for (final SupervisedInstance instance : removed)
        {
            if (!instance.drain().isRetired())
            {
                pending.append(instance.instanceId()).append(' ').append(instance.state()).append(" (")
                    .append(instance.detail()).append("); ");
            }
        }
        pending.setLength(Math.max(0, pending.length() - 2));
        return pending.toString();
    }

    private static boolean isServing(final SupervisedInstance instance)
    {
        return instance.state() == InstanceState.UP || instance.state() == InstanceState.DEGRADED;
    }

    private boolean fail(final String why)
    {
        summary.append(why).append("; ").append(target).append(" stays the count in force (see 'procmesh status')");
        ok = false;
        return true;
    }
}
