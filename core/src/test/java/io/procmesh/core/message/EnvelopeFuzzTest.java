package io.procmesh.core.message;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.openhft.chronicle.bytes.Bytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Random, truncated and bit-flipped envelopes: decoding returns a result and never throws.
 */
class EnvelopeFuzzTest
{
    private final EnvelopeCodec codec = new EnvelopeCodec(4096);

    @Provide
    Arbitrary<Envelope> envelopes()
    {
        final Arbitrary<String> names = Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40);
        final Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        return Combinators.combine(
                Arbitraries.longs(), Arbitraries.of(MessageKind.values()), names, names, payloads,
                Arbitraries.of(PayloadFormat.values()), Arbitraries.longs())
            .as((id, kind, service, operation, payload, format, deadline) ->
            {
                final Envelope envelope = new Envelope()
                    .messageId(id).kind(kind).targetService(service).operation(operation)
                    .replyTo(service).sourceInstance(operation).payloadFormat(format).deadlineNs(deadline);
                envelope.payload().write(payload);
                return envelope;
            });
    }

    @Property(tries = 300)
    void shouldRoundTripAnyEnvelope(@ForAll("envelopes") final Envelope original)
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap();
        final byte[] payload = original.payload().toByteArray();
        codec.encode(original, bytes);
        final Envelope decoded = new Envelope();
        assertEquals(DecodeResult.OK, codec.decode(bytes, decoded));
        assertEquals(original.messageId(), decoded.messageId());
        assertEquals(original.kind(), decoded.kind());
        assertEquals(original.operation().toString(), decoded.operation().toString());
        assertArrayEquals(payload, decoded.payload().toByteArray());
    }

    @Property(tries = 500)
    void shouldNeverThrowOnRandomBytes(@ForAll @Size(max = 600) final byte[] garbage)
    {
        assertNotNull(codec.decode(Bytes.wrapForRead(garbage), new Envelope()));
    }

    @Property(tries = 500)
    void shouldNeverThrowOnBitFlips(
        @ForAll("envelopes") final Envelope original,
        @ForAll @IntRange(min = 0, max = 10_000) final int position,
        @ForAll @IntRange(min = 0, max = 7) final int bit)
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap();
        codec.encode(original, bytes);
        final byte[] encoded = bytes.toByteArray();
        encoded[position % encoded.length] ^= (byte)(1 << bit);
        assertNotNull(codec.decode(Bytes.wrapForRead(encoded), new Envelope()));
    }

    @Property(tries = 300)
    void shouldNeverAcceptATruncatedEnvelope(
        @ForAll("envelopes") final Envelope original,
        @ForAll @IntRange(min = 1, max = 10_000) final int cut)
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap();
        codec.encode(original, bytes);
        final byte[] encoded = bytes.toByteArray();
        final int length = encoded.length - 1 - (cut % encoded.length);
        final byte[] truncated = java.util.Arrays.copyOf(encoded, Math.max(0, length));
        assertNotEquals(DecodeResult.OK, codec.decode(Bytes.wrapForRead(truncated), new Envelope()));
    }
}
