package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.SuiteMode;
import io.procmesh.benchmarks.harness.RunSpec;
import io.procmesh.benchmarks.report.MarkdownTables;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.roundtrip.RoundTripPlan;
import io.procmesh.benchmarks.roundtrip.Subject;

/**
 * 1. procmesh request/response between two JVMs: the lowest-level call into a ServiceHost (the shipped path),
 * the same call into a RAW echo on core's channels (what a raw handler API would give), and the typed proxy once.
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
            RunSelections.addPingPongMatrix(mode, plan, Subject.PROCMESH_CHANNELS, idle);
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
            .append(". The requester writes the JSON string in place and reads the stamp back without allocating; ")
            .append("the ServiceHost decodes and encodes it with Jackson and dispatches by reflection.\n")
            .append("- `").append(Subject.PROCMESH_CHANNELS.id()).append("`: ")
            .append(Subject.PROCMESH_CHANNELS.description())
            .append(". Same client, same discovery, envelopes, slots and reply queue; the responder is benchmark ")
            .append("code on core's public InboundChannel/OutboundChannel, because core has no raw handler API.\n")
            .append("- `").append(Subject.PROCMESH_TYPED.id()).append("`: ").append(Subject.PROCMESH_TYPED.description())
            .append(", including the hand-off from the client's reply thread to the caller.\n\n")
            .append("The requester runs the RpcClient agent on its own load-generator thread, so under busy-spin ")
            .append("each JVM has exactly one spinning thread (the responder's inbox reader); the responder's own ")
            .append("idle reply reader keeps backing off.\n\n");
        MarkdownTables.latencyTable(md, store.measurements(key ->
            RunSelections.pingPongOf(Subject.PROCMESH).test(key) ||
            RunSelections.pingPongOf(Subject.PROCMESH_CHANNELS).test(key) ||
            RunSelections.pingPongOf(Subject.PROCMESH_TYPED).test(key)));
    }
}
