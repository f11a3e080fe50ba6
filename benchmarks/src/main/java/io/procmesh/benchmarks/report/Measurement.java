package io.procmesh.benchmarks.report;

import io.procmesh.benchmarks.harness.KeyedOutcome;
import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.harness.RunOutcome;

/**
 * One row of a latency or throughput table.
 *
 * @param key        the configuration.
 * @param latency    its distribution, or null for a throughput-only run.
 * @param throughput operations per second achieved.
 * @param remark     anything a reader must know, e.g. that the rate was not sustained; empty if none.
 */
public record Measurement(RunKey key, LatencySummary latency, double throughput, String remark)
{
    /**
     * Below this share of the asked rate a run is reported as not having sustained it.
     */
    public static final double SUSTAINED_SHARE = 0.95;
    public static final String NOT_SUSTAINED = "rate not sustained";
    public static final String BACKLOGGED = "backlogged";

    /**
     * @return false when the run could not keep its rate or fell behind it, so its latencies are queueing.
     */
    public boolean comparable()
    {
        return !remark.contains(NOT_SUSTAINED) && !remark.contains(BACKLOGGED);
    }

    public static Measurement of(final KeyedOutcome keyed)
    {
        final RunOutcome outcome = keyed.outcome();
        return of(keyed.key(), LatencySummary.of(outcome.latency()), outcome.throughputPerSec(), outcome.unsent(),
            outcome.remark());
    }

    /**
     * A latency row with the remarks every fixed-rate run gets when it could not keep its rate or fell behind it.
     *
     * @param unsent scheduled requests never sent (already described in {@code remark}).
     */
    public static Measurement of(
        final RunKey key,
        final LatencySummary latency,
        final double throughput,
        final long unsent,
        final String remark)
    {
        final int rate = key.ratePerSecond();
        String text = remark;
        if (rate > 0 && throughput < SUSTAINED_SHARE * rate && unsent == 0)
        {
            text = NOT_SUSTAINED + ": " + Format.perSecond(throughput) + "/s achieved" +
                (text.isEmpty() ? "" : "; " + text);
        }
        final double intervalNs = rate > 0 ? 1e9 / rate : Double.MAX_VALUE;
        if (unsent == 0 && latency.p50() > intervalNs)
        {
            // Half the requests waited longer than the gap between two sends: the figures are queueing behind
            // stalls (on a shared machine, usually other processes), not the subject's round trip.
            text = (text.isEmpty() ? "" : text + "; ") + BACKLOGGED + ": median wait " +
                Format.micros(latency.p50()) + " µs > send interval " + Format.micros(intervalNs) + " µs";
        }
        return new Measurement(key, latency, throughput, text);
    }
}
