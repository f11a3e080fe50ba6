package io.procmesh.benchmarks.gateway;

import io.procmesh.benchmarks.report.LatencySummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one wrk run printed through the suite's Lua script: counts, and latency percentiles in nanoseconds.
 *
 * @param requests     completed requests (whatever their status).
 * @param durationUs   length of the run.
 * @param socketErrors connect, read and write errors together.
 * @param statusErrors responses that were not 2xx or 3xx.
 * @param timeouts     requests without an answer within wrk's timeout.
 * @param nsByPercentile latency by percentile (0 to 100).
 * @param maxNs        the slowest request.
 */
public record WrkResult(
    long requests,
    long durationUs,
    long socketErrors,
    long statusErrors,
    long timeouts,
    Map<Double, Double> nsByPercentile,
    double maxNs)
{
    public static final String PREFIX = "PROCMESH-WRK";
    /**
     * Starts the remark of a run that had errors; such a run does not count for the target.
     */
    public static final String ERRORS = "errors";

    public static WrkResult parse(final String output)
    {
        long[] summary = null;
        double maxNs = Double.NaN;
        final Map<Double, Double> percentiles = new LinkedHashMap<>();
        for (final String line : output.split("\n"))
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length < 2 || !PREFIX.equals(fields[0]))
            {
                continue;
            }
            switch (fields[1])
            {
                case "summary":
                    summary = new long[fields.length - 2];
                    for (int i = 2; i < fields.length; i++)
                    {
                        summary[i - 2] = Long.parseLong(fields[i]);
                    }
                    break;
                case "max":
                    maxNs = Long.parseLong(fields[2]) * 1_000.0;
                    break;
                case "percentile":
                    percentiles.put(Double.parseDouble(fields[2]), Long.parseLong(fields[3]) * 1_000.0);
                    break;
                default:
                    throw new IllegalArgumentException("unknown wrk report line: " + line);
            }
        }
        if (summary == null || summary.length != 7 || Double.isNaN(maxNs) || percentiles.isEmpty())
        {
            throw new IllegalStateException("wrk printed no complete " + PREFIX + " report (was the Lua script " +
                "run?):\n" + output);
        }
        return new WrkResult(summary[0], summary[1], summary[2] + summary[3] + summary[4], summary[5], summary[6],
            Map.copyOf(percentiles), maxNs);
    }

    public double requestsPerSecond()
    {
        return durationUs == 0 ? 0 : requests * 1e6 / durationUs;
    }

    public LatencySummary latency()
    {
        return LatencySummary.of(requests, nsByPercentile, maxNs);
    }

    /**
     * @return the errors, if any, for the table's remark column; empty when there were none.
     */
    public String remark()
    {
        final List<String> parts = new ArrayList<>();
        if (statusErrors > 0)
        {
            parts.add(String.format(Locale.ROOT, "%,d responses not 2xx/3xx", statusErrors));
        }
        if (socketErrors > 0)
        {
            parts.add(String.format(Locale.ROOT, "%,d socket errors", socketErrors));
        }
        if (timeouts > 0)
        {
            parts.add(String.format(Locale.ROOT, "%,d timeouts", timeouts));
        }
        return parts.isEmpty() ? "" : ERRORS + ": " + String.join(", ", parts);
    }
}
