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

    public static Measurement of(final KeyedOutcome keyed)
    {
        final RunOutcome outcome = keyed.outcome();
        final int rate = keyed.key().ratePerSecond();
        String remark = outcome.remark();
        if (rate > 0 && outcome.throughputPerSec() < SUSTAINED_SHARE * rate && outcome.unsent() == 0)
        {
            remark = "rate not sustained: " + Format.perSecond(outcome.throughputPerSec()) + "/s achieved" +
                (remark.isEmpty() ? "" : "; " + remark);
        }
        return new Measurement(keyed.key(), LatencySummary.of(outcome.latency()), outcome.throughputPerSec(), remark);
    }
}
