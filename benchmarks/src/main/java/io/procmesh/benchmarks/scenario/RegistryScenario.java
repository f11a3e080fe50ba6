package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.jmh.JmhSuite;
import io.procmesh.benchmarks.jmh.RegistryBenchmark;
import io.procmesh.benchmarks.report.MarkdownTables;
import io.procmesh.benchmarks.report.MicroMeasurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.suite.SuiteContext;

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
        for (final MicroMeasurement measurement : JmhSuite.run(context, RegistryBenchmark.class, id()))
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
            .append("`Registry.snapshot()` (segment read locks, copies), and the lock-free read of attached slots.")
            .append("\n\n");
        MarkdownTables.microTable(md, store, RegistryBenchmark.BASELINES);
    }
}
