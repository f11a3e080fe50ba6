package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.harness.RunSpec;
import io.procmesh.benchmarks.oneway.OneWayRun;
import io.procmesh.benchmarks.report.Format;
import io.procmesh.benchmarks.report.MarkdownTables;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.roundtrip.RoundTripPlan;
import io.procmesh.benchmarks.roundtrip.Subject;
import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.benchmarks.suite.SuiteMode;

import java.util.List;

/**
 * 5. Throughput: one-way 256 B messages on one channel between two JVMs (procmesh's OutboundChannel and
 * InboundChannel beside raw Chronicle Queue), and request/response with 1, 16 and 256 calls in flight.
 */
public final class ThroughputScenario implements Scenario
{
    private static final List<Subject> IN_FLIGHT_SUBJECTS =
        List.of(Subject.RAW_QUEUE, Subject.PROCMESH);

    @Override
    public String id()
    {
        return "throughput";
    }

    @Override
    public String number()
    {
        return "5";
    }

    @Override
    public String title()
    {
        return "Throughput: one-way messages and calls in flight";
    }

    @Override
    public void plan(final SuiteMode mode, final RoundTripPlan plan)
    {
        final String defaultIdle = mode.idleStrategies().get(0);
        for (final Subject subject : IN_FLIGHT_SUBJECTS)
        {
            for (final int inFlight : mode.inFlight())
            {
                plan.add(subject, defaultIdle, new RunSpec(SuiteMode.IN_FLIGHT_PAYLOAD_BYTES, 0, inFlight,
                    mode.warmupMs(), mode.inFlightMeasureMs(), true));
            }
        }
    }

    @Override
    public void run(final SuiteContext context, final ResultStore store)
    {
        for (final OneWayRun run : OneWayRun.all())
        {
            store.add(run.run(context, context.mode().oneWayMessages(), SuiteMode.ONE_WAY_PAYLOAD_BYTES));
        }
    }

    @Override
    public void report(final ResultStore store, final StringBuilder md)
    {
        md.append("**One-way.** A publisher JVM appends as fast as it can; a subscriber JVM busy-polls, checks the ")
            .append("sequence, and times the measured messages (after as many again to warm up) from the first to ")
            .append("the last it receives. Two spinning threads, one per core.\n\n")
            .append("| subject | payload | received msg/s | remark |\n|---|---|---|---|\n");
        final List<Measurement> oneWay = store.measurements(key ->
            key.subject().equals(OneWayRun.RAW) || key.subject().equals(OneWayRun.PROCMESH));
        for (final Measurement measurement : oneWay)
        {
            md.append("| ").append(measurement.key().subject())
                .append(" | ").append(measurement.key().sizeText())
                .append(" | ").append(Format.perSecond(measurement.throughput()))
                .append(" | ").append(Format.cell(measurement.remark()))
                .append(" |\n");
        }
        if (oneWay.isEmpty())
        {
            md.append("| _not measured in this run_ | | | |\n");
        }
        md.append("\n**Calls in flight.** ").append(SuiteMode.IN_FLIGHT_PAYLOAD_BYTES).append(" B requests, ")
            .append("unthrottled, default idle strategy: a new call goes out as soon as fewer than N are in flight; ")
            .append("latency is each call's own round trip, throughput the replies per second.\n\n");
        MarkdownTables.latencyTable(md, store.measurements(key -> RunSelections.isInFlight(key) &&
            (key.subject().equals(Subject.RAW_QUEUE.id()) || key.subject().equals(Subject.PROCMESH.id()))));
    }
}
