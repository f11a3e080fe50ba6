package io.procmesh.benchmarks.roundtrip.procmesh;

import net.openhft.chronicle.bytes.Bytes;

/**
 * A send stamp as 19 zero-padded decimal digits, so it travels inside a JSON string and is written and read in
 * place without allocating.
 */
public final class AsciiStamp
{
    public static final int DIGITS = 19;

    private AsciiStamp()
    {
    }

    public static void write(final Bytes<?> out, final long stamp)
    {
        if (stamp < 0)
        {
            throw new IllegalArgumentException("stamp must not be negative: " + stamp);
        }
        final long start = out.writePosition();
        out.writeSkip(DIGITS);
        long remaining = stamp;
        for (int i = DIGITS - 1; i >= 0; i--)
        {
            out.writeByte(start + i, (byte)('0' + remaining % 10));
            remaining /= 10;
        }
    }

    public static long read(final Bytes<?> in, final long offset)
    {
        long value = 0;
        for (int i = 0; i < DIGITS; i++)
        {
            value = value * 10 + (in.readByte(offset + i) - '0');
        }
        return value;
    }

    public static void write(final char[] out, final long stamp)
    {
        long remaining = stamp;
        for (int i = DIGITS - 1; i >= 0; i--)
        {
            out[i] = (char)('0' + remaining % 10);
            remaining /= 10;
        }
    }

    public static long read(final CharSequence in)
    {
        long value = 0;
        for (int i = 0; i < DIGITS; i++)
        {
            value = value * 10 + (in.charAt(i) - '0');
        }
        return value;
    }
}
