package io.procmesh.benchmarks.jmh;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.message.PayloadFormat;
import net.openhft.chronicle.bytes.Bytes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Diagnostic, not part of the suite: what procmesh's envelope adds to each queue hop, in memory, against a raw
 * baseline that writes and reads the same payload with no header. A request round trip makes four such hops
 * (encode and decode of the request and of the reply).
 * <pre>
 * java -cp benchmarks/target/procmesh-benchmarks.jar org.openjdk.jmh.Main EnvelopeCodecBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnvelopeCodecBenchmark
{
    @Param({"32", "1024"})
    public int payloadBytes;

    private final EnvelopeCodec codec = new EnvelopeCodec(Configuration.maxPayloadBytes());
    private final Envelope request = new Envelope();
    private final Envelope decoded = new Envelope();
    private final Bytes<?> wire = Bytes.allocateElasticDirect(4096);
    private final Bytes<?> encoded = Bytes.allocateElasticDirect(4096);
    private final Bytes<?> rawEncoded = Bytes.allocateElasticDirect(4096);
    private byte[] payload;

    @Setup
    public void setUp()
    {
        payload = new byte[payloadBytes];
        request.reset()
            .messageId(123_456_789L)
            .kind(MessageKind.REQUEST)
            .correlationId(42)
            .sourceInstance("bench-client-1")
            .targetService("echo")
            .operation("echo")
            .replyTo("bench-client-1")
            .sendTimeNs(System.nanoTime())
            .deadlineNs(System.nanoTime() + 2_000_000_000L)
            .payloadFormat(PayloadFormat.RAW);
        request.trace().newTrace();
        request.payload().write(payload);
        codec.encode(request, encoded);
        rawEncoded.write(payload);
    }

    @Benchmark
    public long encodeEnvelope()
    {
        wire.clear();
        codec.encode(request, wire);
        return wire.writePosition();
    }

    @Benchmark
    public long baselineWritePayload()
    {
        wire.clear();
        wire.write(payload);
        return wire.writePosition();
    }

    @Benchmark
    public DecodeResult decodeEnvelope()
    {
        encoded.readPosition(0);
        return codec.decode(encoded, decoded);
    }

    @Benchmark
    public long baselineReadPayload()
    {
        rawEncoded.readPosition(0);
        return rawEncoded.readLong();
    }
}
