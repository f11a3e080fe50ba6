package io.procmesh.benchmarks.report;

import io.procmesh.benchmarks.harness.RunKey;

import java.util.List;
import java.util.Optional;

/**
 * The tables the report repeats: latency rows with their throughput, procmesh-over-baseline ratio rows, and JMH
 * subjects beside their baselines. Latencies are in microseconds.
 */
public final class MarkdownTables
{
    public static final double[] COLUMNS = {50, 90, 99, 99.9, 99.99, 100};

    private MarkdownTables()
    {
    }

    public static void latencyHeader(final StringBuilder md)
    {
        md.append("| subject | idle | payload | rate | in flight | p50 µs | p90 µs | p99 µs | p99.9 µs | ")
            .append("p99.99 µs | max µs | throughput /s | samples | remark |\n")
            .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    }

    public static void latencyRow(final StringBuilder md, final Measurement measurement)
    {
        final RunKey key = measurement.key();
        md.append("| ").append(key.subject())
            .append(" | ").append(key.idle())
            .append(" | ").append(key.sizeText())
            .append(" | ").append(key.rateText())
            .append(" | ").append(key.maxInFlight())
            .append(" |");
        final LatencySummary latency = measurement.latency();
        for (final double column : COLUMNS)
        {
            md.append(' ').append(latency == null ? "–" : Format.micros(latency.at(column))).append(" |");
        }
        md.append(' ').append(Format.perSecond(measurement.throughput()))
            .append(" | ").append(latency == null ? "–" : Format.count(latency.count()))
            .append(" | ").append(Format.cell(measurement.remark()))
            .append(" |\n");
    }

    /**
     * A row of {@code subject / baseline} per percentile, in the latency table's columns.
     */
    public static void ratioRow(
        final StringBuilder md,
        final Measurement subject,
        final Measurement baseline)
    {
        final RunKey key = subject.key();
        md.append("| **").append(key.subject()).append(" ÷ ").append(baseline.key().subject()).append("**")
            .append(" | ").append(key.idle())
            .append(" | ").append(key.sizeText())
            .append(" | ").append(key.rateText())
            .append(" | ").append(key.maxInFlight())
            .append(" |");
        for (final double column : COLUMNS)
        {
            md.append(" **").append(Format.ratio(subject.latency().at(column) / baseline.latency().at(column)))
                .append("** |");
        }
        md.append(' ').append(Format.ratio(subject.throughput() / baseline.throughput()))
            .append(" | | |\n");
    }

    public static void latencyTable(final StringBuilder md, final List<Measurement> measurements)
    {
        if (measurements.isEmpty())
        {
            md.append("_Not measured in this run._\n\n");
            return;
        }
        latencyHeader(md);
        for (final Measurement measurement : measurements)
        {
            latencyRow(md, measurement);
        }
        md.append('\n');
    }

    /**
     * One row per JMH subject that was measured, its baseline's figure beside it; a line saying so when none was.
     *
     * @param pairs subject and baseline method names, as the benchmark class lists them.
     */
    public static void microTable(final StringBuilder md, final ResultStore store, final List<String[]> pairs)
    {
        md.append("| operation | ns/op | ± (99.9%) | baseline | baseline ns/op |\n|---|---|---|---|---|\n");
        boolean any = false;
        for (final String[] pair : pairs)
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
