package io.procmesh.benchmarks.harness;

import org.HdrHistogram.Histogram;

/**
 * What one run measured.
 *
 * @param spec               the run.
 * @param latency            round-trip times in ns from the intended send time, warm-up excluded.
 * @param throughputPerSec   replies received per second during the measured window.
 * @param sent               requests actually sent, warm-up included.
 * @param unsent             scheduled requests never sent because the subject could not keep the rate; they are
 *                           in {@code latency} at a lower bound.
 * @param lost               requests sent but never answered: failed at their deadline, or still open when the
 *                           drain timeout ended the run.
 */
public record RunOutcome(
    RunSpec spec,
    Histogram latency,
    double throughputPerSec,
    long sent,
    long unsent,
    long lost)
{
    /**
     * @return a short honest remark for the report, or an empty string for a clean run.
     */
    public String remark()
    {
        final StringBuilder text = new StringBuilder();
        if (unsent > 0)
        {
            text.append("rate not sustained: ").append(unsent).append(" scheduled requests never sent, counted at ")
                .append("their wait so far (lower bound)");
        }
        if (lost > 0)
        {
            text.append(text.length() > 0 ? "; " : "").append(lost).append(" requests unanswered");
        }
        return text.toString();
    }
}
