package io.procmesh.core.message;

import net.openhft.chronicle.bytes.Bytes;

import java.nio.BufferUnderflowException;

/**
 * Binary encoding of an {@link Envelope} inside a Chronicle Wire document (see docs/protocol.md).
 * <pre>
 * u16 magic 'PM' | u8 version | u8 kind | u8 payloadFormat | u8 priority
 * i64 messageId | i64 correlationId | i64 sendTimeNs | i64 deadlineNs
 * i64 traceIdHigh | i64 traceIdLow | i64 spanId | u8 traceFlags
 * utf8 sourceInstance | utf8 targetService | utf8 operation | utf8 replyTo   (stop-bit length + bytes)
 * stop-bit payloadLength | payload
 * </pre>
 * Decoding never throws for bad input: it returns a {@link DecodeResult} so the reader can count and skip.
 * Encoding refuses, before writing a byte, what decoding would drop: see {@link #requireEncodable}.
 */
public final class EnvelopeCodec
{
    public static final short MAGIC = 0x504D;
    public static final byte VERSION = 1;
    public static final int FIXED_HEADER_BYTES = 2 + 4 + 8 * 7 + 1;
    public static final int MAX_NAME_BYTES = 256;

    private final int maxPayloadBytes;

    public EnvelopeCodec(final int maxPayloadBytes)
    {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public int maxPayloadBytes()
    {
        return maxPayloadBytes;
    }

    /**
     * @throws EnvelopeTooLargeException if the payload or a name is over its limit. Allocates only then.
     */
    public void requireEncodable(final Envelope envelope)
    {
        final long payloadBytes = envelope.payload().readRemaining();
        if (payloadBytes > maxPayloadBytes)
        {
            throw new EnvelopeTooLargeException(describe(envelope) + ": payload of " + payloadBytes +
                " bytes is over procmesh.maxPayloadBytes (" + maxPayloadBytes + ")");
        }
        requireName(envelope, "sourceInstance", envelope.sourceInstance());
        requireName(envelope, "targetService", envelope.targetService());
        requireName(envelope, "operation", envelope.operation());
        requireName(envelope, "replyTo", envelope.replyTo());
    }

    private static void requireName(final Envelope envelope, final String field, final CharSequence name)
    {
        // A UTF-16 unit takes at most 3 UTF-8 bytes, so short names need no count. A surrogate is counted as 3
        // bytes: never less than the encoder writes for it.
        if (name.length() * 3 <= MAX_NAME_BYTES)
        {
            return;
        }
        final long bytes = utf8Length(name);
        if (bytes > MAX_NAME_BYTES)
        {
            throw new EnvelopeTooLargeException(describe(envelope) + ": " + field + " of " + bytes +
                " UTF-8 bytes is over " + MAX_NAME_BYTES);
        }
    }

    private static String describe(final Envelope envelope)
    {
        return envelope.kind() + " " + envelope.targetService() + "." + envelope.operation() + " from " +
            envelope.sourceInstance();
    }

    static long utf8Length(final CharSequence text)
    {
        long bytes = 0;
        for (int i = 0, length = text.length(); i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                bytes += 1;
            }
            else if (c < 0x800)
            {
                bytes += 2;
            }
            else
            {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * @throws EnvelopeTooLargeException before writing anything if the receiver would drop the envelope.
     */
    public void encode(final Envelope envelope, final Bytes<?> out)
    {
        requireEncodable(envelope);
        final TraceContext trace = envelope.trace();
        final Bytes<?> payload = envelope.payload();
        out.writeShort(MAGIC)
            .writeByte(VERSION)
            .writeByte(envelope.kind().code())
            .writeByte(envelope.payloadFormat().code())
            .writeByte(envelope.priority())
            .writeLong(envelope.messageId())
            .writeLong(envelope.correlationId())
            .writeLong(envelope.sendTimeNs())
            .writeLong(envelope.deadlineNs())
            .writeLong(trace.traceIdHigh())
            .writeLong(trace.traceIdLow())
            .writeLong(trace.spanId())
            .writeByte(trace.flags());
        out.writeUtf8(envelope.sourceInstance());
        out.writeUtf8(envelope.targetService());
        out.writeUtf8(envelope.operation());
        out.writeUtf8(envelope.replyTo());
        out.writeStopBit(payload.readRemaining());
        out.write(payload, payload.readPosition(), payload.readRemaining());
    }

    public DecodeResult decode(final Bytes<?> in, final Envelope envelope)
    {
        try
        {
            return decodeChecked(in, envelope);
        }
        catch (final BufferUnderflowException ex)
        {
            return DecodeResult.TRUNCATED;
        }
        catch (final RuntimeException ex)
        {
            return DecodeResult.MALFORMED;
        }
    }

    private DecodeResult decodeChecked(final Bytes<?> in, final Envelope envelope)
    {
        envelope.reset();
        if (in.readRemaining() < 2 || in.readShort() != MAGIC)
        {
            return DecodeResult.NOT_AN_ENVELOPE;
        }
        if (in.readRemaining() < FIXED_HEADER_BYTES - 2)
        {
            return DecodeResult.TRUNCATED;
        }
        if (in.readByte() != VERSION)
        {
            return DecodeResult.UNKNOWN_VERSION;
        }
        final MessageKind kind = MessageKind.fromCode(in.readByte());
        final PayloadFormat format = PayloadFormat.fromCode(in.readByte());
        if (kind == null || format == null)
        {
            return DecodeResult.UNKNOWN_KIND;
        }
        envelope.kind(kind)
            .payloadFormat(format)
            .priority(in.readByte())
            .messageId(in.readLong())
            .correlationId(in.readLong())
            .sendTimeNs(in.readLong())
            .deadlineNs(in.readLong());
        envelope.trace().set(in.readLong(), in.readLong(), in.readLong(), in.readByte());

        DecodeResult result;
        if ((result = readName(in, envelope.sourceInstance())) != DecodeResult.OK ||
            (result = readName(in, envelope.targetService())) != DecodeResult.OK ||
            (result = readName(in, envelope.operation())) != DecodeResult.OK ||
            (result = readName(in, envelope.replyTo())) != DecodeResult.OK)
        {
            return result;
        }

        final long payloadLength = in.readStopBit();
        if (payloadLength < 0)
        {
            return DecodeResult.MALFORMED;
        }
        if (payloadLength > maxPayloadBytes)
        {
            return DecodeResult.PAYLOAD_TOO_LARGE;
        }
        if (payloadLength > in.readRemaining())
        {
            return DecodeResult.TRUNCATED;
        }
        envelope.payload().write(in, in.readPosition(), payloadLength);
        in.readSkip(payloadLength);
        return DecodeResult.OK;
    }

    private static DecodeResult readName(final Bytes<?> in, final StringBuilder into)
    {
        final long start = in.readPosition();
        final long length = in.readStopBit();
        if (length == -1)
        {
            return DecodeResult.OK;
        }
        if (length < 0 || length > MAX_NAME_BYTES)
        {
            return DecodeResult.MALFORMED;
        }
        if (length > in.readRemaining())
        {
            return DecodeResult.TRUNCATED;
        }
        in.readPosition(start);
        in.readUtf8(into);
        return DecodeResult.OK;
    }
}
