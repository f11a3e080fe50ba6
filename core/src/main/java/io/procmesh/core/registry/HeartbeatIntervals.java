package io.procmesh.core.registry;

/**
 * The heartbeat thread's running estimate of its own intervals: an exponentially weighted mean and variance,
 * published at each beat as one word, mean and standard deviation in microseconds ({@link #pack}), so a reader gets
 * a consistent pair with one volatile read and no lock. The beater measures them itself: a pause of its JVM (a
 * collection, a loaded host) shows as a long interval in its own statistics, which {@link PhiAccrual} then allows
 * for. Only the heartbeat thread uses an instance.
 */
public final class HeartbeatIntervals
{
    /**
     * The weight of each new interval: the estimate follows about the last 32 beats (1.6 s at the default 50 ms),
     * so a run of pauses widens it within a second or two and a calm spell narrows it again.
     */
    static final double WEIGHT = 1.0 / 32;
    private static final long MAX_US = 0xFFFF_FFFFL;

    private double meanUs;
    private double varianceUs2;

    /**
     * @param intervalMs the configured interval: the first estimate, with a deviation of a quarter of it.
     */
    public HeartbeatIntervals(final long intervalMs)
    {
        meanUs = intervalMs * 1000.0;
        varianceUs2 = (meanUs / 4) * (meanUs / 4);
    }

    /**
     * @return the estimate so far, packed.
     */
    public long packed()
    {
        return pack(meanUs, Math.sqrt(varianceUs2));
    }

    /**
     * @param intervalNs the time since the previous beat.
     * @return the new estimate, packed, for {@link InstanceSlot#heartbeatIntervals(long)}.
     */
    public long observe(final long intervalNs)
    {
        final double deviation = intervalNs / 1000.0 - meanUs;
        meanUs += WEIGHT * deviation;
        varianceUs2 = (1 - WEIGHT) * (varianceUs2 + WEIGHT * deviation * deviation);
        return packed();
    }

    static long pack(final double meanUs, final double stdDevUs)
    {
        return clamp(meanUs) << 32 | clamp(stdDevUs);
    }

    private static long clamp(final double us)
    {
        return Math.min(MAX_US, Math.max(1, Math.round(us)));
    }

    /**
     * @return the mean interval in microseconds, 0 if nothing was published.
     */
    public static long meanUs(final long packed)
    {
        return packed >>> 32;
    }

    /**
     * @return the intervals' standard deviation in microseconds, 0 if nothing was published.
     */
    public static long stdDevUs(final long packed)
    {
        return packed & MAX_US;
    }
}
