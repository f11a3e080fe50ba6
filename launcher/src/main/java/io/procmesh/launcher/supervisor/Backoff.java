package io.procmesh.launcher.supervisor;

/**
 * Exponential restart delay: initial, doubled on each restart, capped at the maximum; reset once an instance
 * has stayed UP for the stable period.
 */
public final class Backoff
{
    private final long initialMs;
    private final long maxMs;
    private long nextMs;

    public Backoff(final long initialMs, final long maxMs)
    {
        if (initialMs < 0 || maxMs < initialMs)
        {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, was " + initialMs + ", " + maxMs);
        }
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.nextMs = initialMs;
    }

    /**
     * @return the delay before this restart; the following one will be twice as long, up to the maximum.
     */
    public long nextDelayMs()
    {
        final long delay = nextMs;
        nextMs = Math.min(maxMs, Math.max(1, nextMs) * 2);
        return delay;
    }

    public void reset()
    {
        nextMs = initialMs;
    }
}
