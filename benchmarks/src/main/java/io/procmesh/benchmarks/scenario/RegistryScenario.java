package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.jmh.JmhSuite;
import io.procmesh.benchmarks.jmh.RegistryBenchmark;
import io.procmesh.benchmarks.report.Format;
import io.procmesh.benchmarks.report.MicroMeasurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.suite.SuiteContext;

import java.util.Optional;

/**
 * 6. Registry and slots, with JMH: heartbeat write, counter add, discovery lookup, status read of all instances.
 */
public final class RegistryScenario implements Scenario
{
    @Override
    public String id()
    {
        return "registry";
    }

    @Override
    public String number()
    {
        return "6";
    }

    @Override
    public String title()
    {
        return "Registry and slots (JMH, ns per operation)";
    }

    @Override
    public void run(final SuiteContext context, final ResultStore store) throws Exception
    {
        for (final MicroMeasurement measurement : JmhSuite.run(context))
        {
            store.add(measurement);
        }
    }

    @Override
    public void report(final ResultStore store, final StringBuilder md)
    {
        md.append("`RegistryBenchmark` on a persisted registry of ").append(RegistryBenchmark.INSTANCES)
            .append(" registered instances, single thread, average time. Beside each subject, a heap baseline ")
            .append("doing the same kind of memory operation on an ordinary Java object. Discovery: the per-call ")
            .append("pick reads the chosen instance's status from a slot attached once (`discoveryStatusRead`), ")
            .append("after one read of the registry's removal count (`discoveryRemovalCheck`); a ")
            .append("newly seen instance is attached once (`discoveryAttach`). Status of all: ")
            .append("`Registry.snapshot()` (segment read locks, copies), and the lock-free read of attached slots.\n\n")
            .append("| operation | ns/op | ± (99.9%) | baseline | baseline ns/op |\n|---|---|---|---|---|\n");
        boolean any = false;
        for (final String[] pair : RegistryBenchmark.BASELINES)
        {
            final Optional<MicroMeasurement> subject = store.micro(pair[0]);
            if (subject.isEmpty())
            {
                continue;
            }
            any = true;
            final Optional<MicroMeasurement> baseline = store.micro(pair[1]);
            md.append("| `").append(pair[0]).append("` | ").append(Format.nanos(subject.get().nsPerOp()))
                .append(" | ").append(Format.nanos(subject.get().errorNs()))
                .append(" | `").append(pair[1]).append("` | ")
                .append(baseline.map(b -> Format.nanos(b.nsPerOp())).orElse("n/a"))
                .append(" |\n");
        }
        if (!any)
        {
            md.append("| _not measured in this run_ | | | | |\n");
        }
        md.append('\n');
    }
}
