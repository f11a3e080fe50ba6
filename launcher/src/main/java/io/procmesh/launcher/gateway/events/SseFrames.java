package io.procmesh.launcher.gateway.events;

import net.openhft.chronicle.bytes.Bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the bytes of Server-Sent Events (the WHATWG {@code text/event-stream} format) into one growable buffer,
 * reused for every batch of a stream: nothing is allocated per event once it has grown to the largest batch.
 * <p>
 * A line break inside a field would end it early (CR, LF and CRLF all end a line in this format), so the data is
 * split into one {@code data:} line per line of the payload, which a client joins back with LF, and the event name
 * drops them.
 */
public final class SseFrames
{
    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RETRY = "retry: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private byte[] buffer;
    private int length;

    public SseFrames(final int initialCapacity)
    {
        buffer = new byte[Math.max(64, initialCapacity)];
    }

    /**
     * Appends one event.
     *
     * @param id    the event's id: its topic index, which a reconnecting client sends back as Last-Event-ID.
     * @param name  the event type ({@code event:}); none when empty.
     * @param data  read from its read position to its read limit, not consumed.
     */
    public void event(final long id, final CharSequence name, final Bytes<?> data)
    {
        append(ID);
        appendDecimal(id);
        append(LF);
        if (name.length() > 0)
        {
            append(EVENT);
            for (int i = 0; i < name.length(); i++)
            {
                final char c = name.charAt(i);
                if (c != LF && c != CR)
                {
                    // Names are ASCII identifiers (an event's class name); anything else is replaced.
                    append(c < 0x80 ? (byte)c : (byte)'?');
                }
            }
            append(LF);
        }
        append(DATA);
        final long start = data.readPosition();
        final long end = data.readLimit();
        for (long i = start; i < end; i++)
        {
            final byte b = data.readByte(i);
            if (b == CR)
            {
                if (i + 1 < end && data.readByte(i + 1) == LF)
                {
                    continue;
                }
                append(LF);
                append(DATA);
            }
            else if (b == LF)
            {
                append(LF);
                append(DATA);
            }
            else
            {
                append(b);
            }
        }
        append(LF);
        append(LF);
    }

    /**
     * Appends a comment line, which a client ignores: it keeps the connection (and any proxy on the way) from
     * timing out while the topic is quiet, and finds a client that has gone.
     */
    public void keepAlive()
    {
        append(KEEP_ALIVE);
    }

    /**
     * Appends {@code retry: ms}: how long a client waits before it reconnects.
     */
    public void retry(final long ms)
    {
        append(RETRY);
        appendDecimal(ms);
        append(LF);
        append(LF);
    }

    public int length()
    {
        return length;
    }

    public void clear()
    {
        length = 0;
    }

    /**
     * @return the bytes built since the last {@link #clear}, wrapped, not copied: valid until the next change.
     */
    public ByteBuffer view()
    {
        return ByteBuffer.wrap(buffer, 0, length);
    }

    private void appendDecimal(final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("ids and delays are never negative, was " + value);
        }
        long divisor = 1;
        while (value / divisor >= 10)
        {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10)
        {
            append((byte)('0' + (value / divisor) % 10));
        }
    }

    private void append(final byte[] bytes)
    {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void append(final byte b)
    {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(final int more)
    {
        if (length + more > buffer.length)
        {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
