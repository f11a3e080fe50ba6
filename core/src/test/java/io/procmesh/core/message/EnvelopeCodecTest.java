package io.procmesh.core.message;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class EnvelopeCodecTest
{
    private final EnvelopeCodec codec = new EnvelopeCodec(1024);

    private static Envelope sample()
    {
        final Envelope envelope = new Envelope()
            .messageId(0x1234_5678_9ABCL)
            .kind(MessageKind.REQUEST)
            .correlationId(42)
            .sourceInstance("gateway-1")
            .targetService("user")
            .operation("get")
            .replyTo("gateway-1")
            .sendTimeNs(111)
            .deadlineNs(222)
            .priority((byte)3)
            .payloadFormat(PayloadFormat.JSON);
        envelope.trace().set(7, 8, 9, TraceContext.SAMPLED);
        envelope.payload().write("{\"id\":\"é\"}".getBytes(StandardCharsets.UTF_8));
        return envelope;
    }

    @Test
    void shouldRoundTripEveryField()
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap();
        codec.encode(sample(), bytes);

        final Envelope decoded = new Envelope();
        assertEquals(DecodeResult.OK, codec.decode(bytes, decoded));
        assertEquals(0x1234_5678_9ABCL, decoded.messageId());
        assertEquals(MessageKind.REQUEST, decoded.kind());
        assertEquals(42, decoded.correlationId());
        assertEquals("gateway-1", decoded.sourceInstance().toString());
        assertEquals("user", decoded.targetService().toString());
        assertEquals("get", decoded.operation().toString());
        assertEquals("gateway-1", decoded.replyTo().toString());
        assertEquals(111, decoded.sendTimeNs());
        assertEquals(222, decoded.deadlineNs());
        assertEquals(3, decoded.priority());
        assertEquals(PayloadFormat.JSON, decoded.payloadFormat());
        assertEquals("00-00000000000000070000000000000008-0000000000000009-01", decoded.trace().toTraceparent());
        assertEquals("{\"id\":\"é\"}", new String(decoded.payload().toByteArray(), StandardCharsets.UTF_8));
        assertEquals(0, bytes.readRemaining());
    }

    @Test
    void shouldReportEveryTruncationWithoutThrowing()
    {
        final Bytes<?> full = Bytes.allocateElasticOnHeap();
        codec.encode(sample(), full);
        final byte[] encoded = full.toByteArray();

        for (int length = 0; length < encoded.length; length++)
        {
            final Bytes<?> prefix = Bytes.wrapForRead(java.util.Arrays.copyOf(encoded, length));
            final DecodeResult result = codec.decode(prefix, new Envelope());
            assertNotEquals(DecodeResult.OK, result, "prefix of " + length + " bytes decoded as OK");
        }
    }

    @Test
    void shouldRejectUnknownVersion()
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap();
        codec.encode(sample(), bytes);
        final byte[] encoded = bytes.toByteArray();
        encoded[2] = 99;
        assertEquals(DecodeResult.UNKNOWN_VERSION, codec.decode(Bytes.wrapForRead(encoded), new Envelope()));
    }

    @Test
    void shouldRejectWrongMagicAndUnknownKind()
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap();
        codec.encode(sample(), bytes);
        final byte[] encoded = bytes.toByteArray();

        final byte[] wrongMagic = encoded.clone();
        wrongMagic[0] ^= 0x55;
        assertEquals(DecodeResult.NOT_AN_ENVELOPE, codec.decode(Bytes.wrapForRead(wrongMagic), new Envelope()));

        final byte[] wrongKind = encoded.clone();
        wrongKind[3] = 77;
        assertEquals(DecodeResult.UNKNOWN_KIND, codec.decode(Bytes.wrapForRead(wrongKind), new Envelope()));
    }

    @Test
    void shouldRejectPayloadOverTheLimit()
    {
        final Envelope big = sample();
        big.payload().clear().write(new byte[2048]);
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap();
        // Written by a sender with a larger limit: this codec refuses to encode it at all.
        new EnvelopeCodec(4096).encode(big, bytes);
        assertEquals(DecodeResult.PAYLOAD_TOO_LARGE, codec.decode(bytes, new Envelope()));
    }
}
