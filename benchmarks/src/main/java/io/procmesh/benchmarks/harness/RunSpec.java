package io.procmesh.benchmarks.harness;

/**
 * One latency run of a load generator: what to send, how fast, and for how long.
 * <p>
 * A rate of zero means unthrottled: the next request goes as soon as a call slot is free, and latency is measured
 * from the actual send. A positive rate fixes a schedule, and latency is measured from each request's intended
 * send time on it, so a stall is charged to every request scheduled behind it (coordinated omission corrected).
 *
 * @param payloadBytes  application payload per request, excluding each transport's own framing.
 * @param ratePerSecond requests per second on the schedule, or 0 for unthrottled.
 * @param maxInFlight   calls allowed in flight at once; 1 is a ping-pong.
 * @param warmupMs      leading part of the run whose requests are not recorded.
 * @param measureMs     recorded part of the run.
 * @param recorded      false for a JIT warm-up run whose outcome is thrown away.
 */
public record RunSpec(
    int payloadBytes,
    int ratePerSecond,
    int maxInFlight,
    long warmupMs,
    long measureMs,
    boolean recorded)
{
    public RunSpec
    {
        if (payloadBytes < 0 || ratePerSecond < 0 || maxInFlight < 1 || warmupMs < 0 || measureMs <= 0)
        {
            throw new IllegalArgumentException("invalid run: " + encode(payloadBytes, ratePerSecond, maxInFlight,
                warmupMs, measureMs, recorded));
        }
    }

    public static RunSpec warmupOnly(final int payloadBytes, final long durationMs)
    {
        return new RunSpec(payloadBytes, 0, 1, 0, durationMs, false);
    }

    public boolean unthrottled()
    {
        return ratePerSecond == 0;
    }

    public long intervalNs()
    {
        return unthrottled() ? 0 : 1_000_000_000L / ratePerSecond;
    }

    /**
     * @return the planned length of the run; a saturated fixed-rate run may take longer to send its schedule.
     */
    public long plannedMs()
    {
        return warmupMs + measureMs;
    }

    public String encode()
    {
        return encode(payloadBytes, ratePerSecond, maxInFlight, warmupMs, measureMs, recorded);
    }

    private static String encode(
        final int payloadBytes,
        final int ratePerSecond,
        final int maxInFlight,
        final long warmupMs,
        final long measureMs,
        final boolean recorded)
    {
        return payloadBytes + ":" + ratePerSecond + ":" + maxInFlight + ":" + warmupMs + ":" + measureMs + ":" +
            (recorded ? "rec" : "warm");
    }

    /**
     * Parses {@link #encode()}'s form, e.g. {@code 32:10000:1:1500:4000:rec}, as passed to a requester JVM.
     */
    public static RunSpec parse(final String text)
    {
        final String[] parts = text.split(":");
        if (parts.length != 6)
        {
            throw new IllegalArgumentException("run spec '" + text +
                "' must be payloadBytes:ratePerSecond:maxInFlight:warmupMs:measureMs:rec|warm");
        }
        try
        {
            return new RunSpec(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Long.parseLong(parts[3]), Long.parseLong(parts[4]), "rec".equals(parts[5]));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("run spec '" + text + "': " + ex.getMessage(), ex);
        }
    }
}
