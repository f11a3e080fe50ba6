package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.harness.RunSpec;
import io.procmesh.benchmarks.report.MarkdownTables;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.roundtrip.RoundTripPlan;
import io.procmesh.benchmarks.roundtrip.Subject;
import io.procmesh.benchmarks.suite.SuiteMode;

/**
 * 1. procmesh request/response between two JVMs: the allocation-free raw path (ReusableCall to a raw handler),
 * and the typed proxy once for comparison.
 */
public final class ProcmeshRoundTripScenario implements Scenario
{
    @Override
    public String id()
    {
        return "procmesh";
    }

    @Override
    public String number()
    {
        return "1";
    }

    @Override
    public String title()
    {
        return "procmesh request/response RTT between two JVMs";
    }

    @Override
    public void plan(final SuiteMode mode, final RoundTripPlan plan)
    {
        for (final String idle : mode.idleStrategies())
        {
            RunSelections.addPingPongMatrix(mode, plan, Subject.PROCMESH, idle);
        }
        for (final int rate : mode.typedRates())
        {
            plan.add(Subject.PROCMESH_TYPED, mode.idleStrategies().get(0), new RunSpec(SuiteMode.TYPED_PAYLOAD_BYTES,
                rate, 1, mode.warmupMs(), mode.measureMs(), true));
        }
    }

    @Override
    public void report(final ResultStore store, final StringBuilder md)
    {
        md.append("Subjects:\n")
            .append("- `").append(Subject.PROCMESH.id()).append("`: ").append(Subject.PROCMESH.description())
            .append(" that writes the request's bytes back. The lowest-level path: the caller fills the call's ")
            .append("request bytes (8-byte stamp plus filler) and reads the stamp back from its reply; neither ")
            .append("side allocates per call. The requester runs the RpcClient agent on its own load-generator ")
            .append("thread, so under busy-spin each JVM has exactly one spinning thread (the other is the ")
            .append("responder's inbox reader; its idle reply reader keeps backing off).\n")
            .append("- `").append(Subject.PROCMESH_TYPED.id()).append("`: ")
            .append(Subject.PROCMESH_TYPED.description())
            .append(", the typed path an application writes, measured once for comparison: Jackson on both ")
            .append("sides, reflection dispatch, and the hand-off from the client's reply thread to the caller.\n\n");
        MarkdownTables.latencyTable(md, store.measurements(key ->
            RunSelections.pingPongOf(Subject.PROCMESH).test(key) ||
            RunSelections.pingPongOf(Subject.PROCMESH_TYPED).test(key)));
    }
}
