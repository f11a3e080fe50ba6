package io.procmesh.benchmarks.report;

import io.procmesh.benchmarks.harness.RunKey;

import java.util.List;

/**
 * The tables the report repeats: latency rows with their throughput, and procmesh-over-baseline ratio rows.
 * Latencies are in microseconds.
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
}
