package io.procmesh.launcher.supervisor;

import io.procmesh.core.registry.InstanceState;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * While `up` starts a topology, one line every {@link #INTERVAL_MS} (and none once everything is settled): the
 * time since `up` began, how many instances are UP, which are starting and for how long, and which wait. A start
 * of 10 to 30 s on a loaded host otherwise shows nothing between two log lines.
 * <pre>
 * procmesh: 6.0 s: 2 of 4 UP; starting order-1 (3.1 s); waiting gateway-1
 * </pre>
 */
final class StartProgress
{
    static final long INTERVAL_MS = 2_000;
    private static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);

    private final PrintStream out;
    private final long startNs;
    private long nextNs;

    StartProgress(final PrintStream out, final long startNs)
    {
        this.out = out;
        this.startNs = startNs;
        this.nextNs = startNs + INTERVAL_NS;
    }

    void printIfDue(final List<SupervisedInstance> instances, final long nowNs)
    {
        if (nowNs - nextNs < 0)
        {
            return;
        }
        nextNs = nowNs + INTERVAL_NS;
        out.println(line(instances, nowNs));
    }

    String line(final List<SupervisedInstance> instances, final long nowNs)
    {
        int up = 0;
        final List<String> starting = new ArrayList<>();
        final List<String> waiting = new ArrayList<>();
        for (final SupervisedInstance instance : instances)
        {
            final InstanceState state = instance.state();
            if (state == InstanceState.UP || state == InstanceState.DEGRADED)
            {
                up++;
            }
            else if (state == InstanceState.STARTING)
            {
                starting.add(instance.instanceId() + " (" + seconds(nowNs - instance.stateSinceNs()) + ")");
            }
            else
            {
                waiting.add(instance.instanceId() + (state == InstanceState.FAILED ? " FAILED" : ""));
            }
        }
        final StringBuilder line = new StringBuilder("procmesh: ").append(seconds(nowNs - startNs)).append(": ")
            .append(up).append(" of ").append(instances.size()).append(" UP");
        if (!starting.isEmpty())
        {
            line.append("; starting ").append(String.join(", ", starting));
        }
        if (!waiting.isEmpty())
        {
            line.append("; waiting ").append(String.join(", ", waiting));
        }
        return line.toString();
    }

    private static String seconds(final long ns)
    {
        return String.format(Locale.ROOT, "%.1f s", ns / 1e9);
    }
}
