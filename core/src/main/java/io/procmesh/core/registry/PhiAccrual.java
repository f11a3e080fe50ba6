package io.procmesh.core.registry;

import io.procmesh.core.config.Configuration;

/**
 * The phi-accrual failure detector (Hayashibara et al.; Akka's) over an instance's own heartbeat intervals
 * ({@link HeartbeatIntervals}): φ = -log10 of the probability that a heartbeat still comes after one as late as
 * this, for intervals distributed normally with the published mean, plus an acceptable pause, and deviation, at
 * least a floor. φ 1 is a 10% chance of a false suspicion, φ 8 one in 10^8. An instance is suspected once φ reaches
 * the threshold ({@code procmesh.phiThreshold}, 8; 0 turns the detector off).
 * <p>
 * On a steady 50 ms heartbeat that is about 1.08 s after the last beat (500 ms pause allowance, 100 ms deviation
 * floor); an instance whose beats jitter (collections, a loaded host) widens its own deviation and is suspected
 * later. It never judges slower than the fixed rule: a heartbeat older than {@code procmesh.instanceStaleMs} is
 * stale whatever φ says ({@link Liveness}).
 * <p>
 * The per-call test, {@link #isSuspected}, is a multiply and a compare: the age at which φ reaches the threshold is
 * a fixed number of deviations past the mean, found once.
 */
public final class PhiAccrual
{
    /**
     * The detector every process uses, from the {@code procmesh.phi*} properties: one rule in every process.
     */
    public static final PhiAccrual CONFIGURED = new PhiAccrual(Configuration.phiThreshold(),
        Configuration.phiAcceptablePauseMs(), Configuration.phiMinStdDevMs());

    private final double threshold;
    private final long acceptablePauseUs;
    private final long minStdDevUs;
    private final double thresholdDeviations;

    /**
     * @param threshold          φ from which an instance is suspected; 0 or less never suspects.
     * @param acceptablePauseMs  added to the mean interval: a pause this long is never suspected on its own.
     * @param minStdDevMs        the least deviation assumed, so a very regular beat is not suspected at its first
     *                           small delay.
     */
    public PhiAccrual(final double threshold, final long acceptablePauseMs, final long minStdDevMs)
    {
        this.threshold = threshold;
        this.acceptablePauseUs = acceptablePauseMs * 1000;
        this.minStdDevUs = Math.max(1, minStdDevMs * 1000);
        this.thresholdDeviations = threshold > 0 ? deviationsFor(threshold) : Double.POSITIVE_INFINITY;
    }

    public double threshold()
    {
        return threshold;
    }

    /**
     * @param heartbeatNs the last heartbeat, 0 if it never beat.
     * @param intervals   the instance's published intervals, 0 if none yet.
     * @return true once φ reached the threshold; never without a heartbeat and intervals to judge by.
     */
    public boolean isSuspected(final long heartbeatNs, final long intervals, final long nowNs)
    {
        if (heartbeatNs == 0 || intervals == 0)
        {
            return false;
        }
        final long ageUs = (nowNs - heartbeatNs) / 1000;
        return ageUs > HeartbeatIntervals.meanUs(intervals) + acceptablePauseUs +
            thresholdDeviations * Math.max(HeartbeatIntervals.stdDevUs(intervals), minStdDevUs);
    }

    /**
     * @return how late, in milliseconds after the last heartbeat, the instance becomes suspected.
     */
    public long suspectAfterMs(final long intervals)
    {
        return Math.round((HeartbeatIntervals.meanUs(intervals) + acceptablePauseUs +
            thresholdDeviations * Math.max(HeartbeatIntervals.stdDevUs(intervals), minStdDevUs)) / 1000);
    }

    /**
     * @return φ now, for status and metrics (two transcendental calls: not for the per-call path); 0 without a
     * heartbeat and intervals to judge by.
     */
    public double phi(final long heartbeatNs, final long intervals, final long nowNs)
    {
        if (heartbeatNs == 0 || intervals == 0)
        {
            return 0;
        }
        final double ageUs = Math.max(0, nowNs - heartbeatNs) / 1000.0;
        final double meanUs = HeartbeatIntervals.meanUs(intervals) + acceptablePauseUs;
        final double stdDevUs = Math.max(HeartbeatIntervals.stdDevUs(intervals), minStdDevUs);
        return phi((ageUs - meanUs) / stdDevUs);
    }

    /**
     * Akka's logistic approximation of the normal distribution's tail, in a form that keeps its precision far out.
     *
     * @param y how many deviations past the mean.
     */
    static double phi(final double y)
    {
        final double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
        return y > 0 ? -Math.log10(e / (1.0 + e)) : -Math.log10(1.0 - 1.0 / (1.0 + e));
    }

    /**
     * @return the deviations past the mean at which φ reaches {@code threshold}: φ grows with y, so bisection.
     */
    static double deviationsFor(final double threshold)
    {
        double low = -10;
        double high = 60;
        for (int i = 0; i < 200; i++)
        {
            final double middle = (low + high) / 2;
            if (phi(middle) < threshold)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return high;
    }
}
