package io.procmesh.core.message;

import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C trace context (traceparent) held as numbers so carrying it costs no allocation.
 * Text form: {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}.
 */
public final class TraceContext
{
    public static final byte SAMPLED = 1;
    private long traceIdHigh;
    private long traceIdLow;
    private long spanId;
    private byte flags;

    public long traceIdHigh()
    {
        return traceIdHigh;
    }

    public long traceIdLow()
    {
        return traceIdLow;
    }

    public long spanId()
    {
        return spanId;
    }

    public byte flags()
    {
        return flags;
    }

    public boolean isValid()
    {
        return (traceIdHigh | traceIdLow) != 0 && spanId != 0;
    }

    public TraceContext set(final long traceIdHigh, final long traceIdLow, final long spanId, final byte flags)
    {
        this.traceIdHigh = traceIdHigh;
        this.traceIdLow = traceIdLow;
        this.spanId = spanId;
        this.flags = flags;
        return this;
    }

    public TraceContext copyFrom(final TraceContext other)
    {
        return set(other.traceIdHigh, other.traceIdLow, other.spanId, other.flags);
    }

    /**
     * Starts a new trace with a fresh root span.
     */
    public TraceContext newTrace()
    {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        return set(nonZero(random), random.nextLong(), nonZero(random), SAMPLED);
    }

    /**
     * Continues the parent's trace with a new span, or starts a new trace when the parent has none.
     */
    public TraceContext childOf(final TraceContext parent)
    {
        if (parent == null || !parent.isValid())
        {
            return newTrace();
        }
        return set(parent.traceIdHigh, parent.traceIdLow, nonZero(ThreadLocalRandom.current()), parent.flags);
    }

    public void clear()
    {
        set(0, 0, 0, (byte)0);
    }

    /**
     * @return the traceparent header value; allocates, so not for the hot path.
     */
    public String toTraceparent()
    {
        return String.format("00-%016x%016x-%016x-%02x", traceIdHigh, traceIdLow, spanId, flags);
    }

    /**
     * Parses a traceparent header value.
     *
     * @return true if the value was well formed and this context now holds it.
     */
    public boolean parseTraceparent(final CharSequence value)
    {
        if (value == null || value.length() != 55 || value.charAt(2) != '-' || value.charAt(35) != '-' ||
            value.charAt(52) != '-')
        {
            return false;
        }
        try
        {
            final long high = Long.parseUnsignedLong(value.subSequence(3, 19).toString(), 16);
            final long low = Long.parseUnsignedLong(value.subSequence(19, 35).toString(), 16);
            final long span = Long.parseUnsignedLong(value.subSequence(36, 52).toString(), 16);
            final int parsedFlags = Integer.parseInt(value.subSequence(53, 55).toString(), 16);
            if ((high | low) == 0 || span == 0)
            {
                return false;
            }
            set(high, low, span, (byte)parsedFlags);
            return true;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    private static long nonZero(final ThreadLocalRandom random)
    {
        long value;
        do
        {
            value = random.nextLong();
        }
        while (value == 0);
        return value;
    }

    @Override
    public String toString()
    {
        return toTraceparent();
    }
}
