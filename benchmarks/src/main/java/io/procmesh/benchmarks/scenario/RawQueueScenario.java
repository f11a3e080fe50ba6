package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.report.MarkdownTables;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.roundtrip.RoundTripPlan;
import io.procmesh.benchmarks.roundtrip.Subject;
import io.procmesh.benchmarks.suite.SuiteMode;

import java.util.List;
import java.util.Optional;

/**
 * 2. The floor: ping-pong over two Chronicle Queues written against Chronicle's API only, same sizes, rates and
 * idle strategies, with procmesh's ratio to it per percentile.
 */
public final class RawQueueScenario implements Scenario
{
    private static final List<Subject> COMPARED = List.of(Subject.PROCMESH, Subject.PROCMESH_TYPED);

    @Override
    public String id()
    {
        return "raw";
    }

    @Override
    public String number()
    {
        return "2";
    }

    @Override
    public String title()
    {
        return "Raw Chronicle Queue ping-pong between two JVMs (the floor)";
    }

    @Override
    public void plan(final SuiteMode mode, final RoundTripPlan plan)
    {
        for (final String idle : mode.idleStrategies())
        {
            RunSelections.addPingPongMatrix(mode, plan, Subject.RAW_QUEUE, idle);
        }
    }

    @Override
    public void report(final ResultStore store, final StringBuilder md)
    {
        md.append(Subject.RAW_QUEUE.description()).append(": an 8-byte stamp plus filler per document on a ping ")
            .append("queue, copied as is to a pong queue; same roll cycle as procmesh, and for backoff the same ")
            .append("LongPauser parameters as procmesh's BackoffIdleStrategy. Bold rows: procmesh ÷ raw for the ")
            .append("same idle strategy, size and rate (below 1.00× would be faster than the floor; the ")
            .append("throughput column then holds the throughput ratio).\n\n");
        final List<Measurement> raw = store.measurements(RunSelections.pingPongOf(Subject.RAW_QUEUE));
        if (raw.isEmpty())
        {
            md.append("_Not measured in this run._\n\n");
            return;
        }
        MarkdownTables.latencyHeader(md);
        for (final Measurement baseline : raw)
        {
            MarkdownTables.latencyRow(md, baseline);
            for (final Subject subject : COMPARED)
            {
                final Optional<Measurement> compared = store.find(baseline.key().withSubject(subject.id()));
                compared.ifPresent(measurement -> MarkdownTables.ratioRow(md, measurement, baseline));
            }
        }
        md.append('\n');
    }
}
