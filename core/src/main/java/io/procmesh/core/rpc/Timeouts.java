package io.procmesh.core.rpc;

/**
 * Timeout arithmetic that cannot overflow. Deadlines are {@link System#nanoTime()} values compared by
 * subtraction, which is only right while a deadline lies less than 2^63 ns from now: so a timeout is capped at
 * {@link #MAX_TIMEOUT_MS} (about 146 years), which makes "wait forever" ({@code Long.MAX_VALUE}) safe.
 */
public final class Timeouts
{
    /**
     * 2^62 ns in milliseconds: a deadline this far ahead still compares correctly with any time before it.
     */
    public static final long MAX_TIMEOUT_MS = (1L << 62) / 1_000_000L;

    private Timeouts()
    {
    }

    /**
     * @return the timeout, capped at {@link #MAX_TIMEOUT_MS}.
     * @throws IllegalArgumentException if it is zero or negative: a call must have a deadline in the future.
     */
    public static long requireValidMs(final long timeoutMs)
    {
        if (timeoutMs <= 0)
        {
            throw new IllegalArgumentException("timeoutMs must be positive, was " + timeoutMs);
        }
        return Math.min(timeoutMs, MAX_TIMEOUT_MS);
    }

    /**
     * @return the timeout in nanoseconds, saturating at the cap instead of overflowing.
     */
    public static long toNanos(final long timeoutMs)
    {
        return Math.min(timeoutMs, MAX_TIMEOUT_MS) * 1_000_000L;
    }

    /**
     * @return {@code a + b} for non-negative values, saturating at {@link Long#MAX_VALUE}.
     */
    public static long saturatedAdd(final long a, final long b)
    {
        final long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
