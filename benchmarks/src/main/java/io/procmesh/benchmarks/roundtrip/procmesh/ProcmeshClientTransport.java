package io.procmesh.benchmarks.roundtrip.procmesh;

import io.procmesh.benchmarks.harness.ReplyListener;
import io.procmesh.benchmarks.harness.RequestTransport;
import io.procmesh.core.Procmesh;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.PayloadFormat;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.rpc.PayloadWriter;
import io.procmesh.core.rpc.ResponseDecoder;
import io.procmesh.core.rpc.RpcClient;
import net.openhft.chronicle.bytes.Bytes;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * procmesh's lowest-level calling path, {@link RpcClient#send}, with one writer and one decoder reused for every
 * call. The client's agent runs on the load generator's thread instead of its own (RpcClient is an Agent; that is
 * all {@link Procmesh#connect} adds), so a busy-spin run has one spinning thread per JVM, as a 2-core machine
 * needs. Discovery, pending calls, deadlines, envelopes and slot counters are procmesh's own.
 * <ul>
 * <li>{@link PayloadFormat#JSON}: the payload is a JSON string written in place, for {@link EchoApi#echo}
 *     behind a ServiceHost (typed handlers take JSON only).</li>
 * <li>{@link PayloadFormat#RAW}: an 8-byte stamp and filler, for the {@link ChannelEchoAgent}.</li>
 * </ul>
 */
public final class ProcmeshClientTransport implements RequestTransport, PayloadWriter, ResponseDecoder<Void>
{
    public static final String CLIENT_SERVICE = "bench-client";
    private static final int JSON_OVERHEAD_BYTES = 2 + AsciiStamp.DIGITS + 1;

    private final PayloadFormat format;
    private final Registry registry;
    private final RpcClient client;
    private final long timeoutMs;
    private byte[] filler = new byte[0];
    private long stamp;
    private ReplyListener listener;

    public ProcmeshClientTransport(final Path dataDir, final String instanceId, final PayloadFormat format)
    {
        this.format = format;
        final Procmesh.Context context = new Procmesh.Context()
            .dataDir(dataDir)
            .serviceName(CLIENT_SERVICE)
            .instanceId(instanceId)
            .conclude();
        final DataDirectory dirs = context.dataDirectory();
        this.registry = Registry.open(dirs.registryFile(), context.registryMaxInstances());
        final InstanceSlot slot = registry.register(new Registration(
            CLIENT_SERVICE, instanceId, "0", ProcessHandle.current().pid(), "", ""));
        this.client = new RpcClient(instanceId, dirs.replies(instanceId), registry, slot, context.codec(),
            context.json(), context.maxCallsInFlight(), context.discoveryRefreshMs(), context.defaultDeadlineMs(),
            context.errorHandler());
        this.timeoutMs = context.defaultDeadlineMs();
        slot.status(InstanceStatus.UP);
    }

    @Override
    public void prepare(final int payloadBytes)
    {
        final int overhead = format == PayloadFormat.RAW ? Long.BYTES : JSON_OVERHEAD_BYTES;
        if (payloadBytes < overhead)
        {
            throw new IllegalArgumentException(format + " payload must be at least " + overhead + " bytes");
        }
        filler = new byte[payloadBytes - overhead];
        Arrays.fill(filler, (byte)'x');
    }

    @Override
    public void send(final long intendedSendNs)
    {
        stamp = intendedSendNs;
        final CompletableFuture<Void> call =
            client.send(EchoApi.SERVICE, EchoApi.OPERATION, format, this, this, timeoutMs);
        if (call.isCompletedExceptionally())
        {
            throw new IllegalStateException("procmesh send failed: " + call.handle((v, e) -> e).join());
        }
    }

    @Override
    public void write(final Bytes<?> payload)
    {
        if (format == PayloadFormat.RAW)
        {
            payload.writeLong(stamp).write(filler);
        }
        else
        {
            payload.writeByte((byte)'"');
            AsciiStamp.write(payload, stamp);
            payload.writeByte((byte)':').write(filler).writeByte((byte)'"');
        }
    }

    @Override
    public Void decode(final Envelope response)
    {
        final Bytes<?> payload = response.payload();
        final long echoed = format == PayloadFormat.RAW ?
            payload.readLong(payload.readPosition()) : AsciiStamp.read(payload, payload.readPosition() + 1);
        listener.onReply(echoed);
        return null;
    }

    @Override
    public int poll(final ReplyListener listener)
    {
        this.listener = listener;
        return client.doWork();
    }

    @Override
    public void close()
    {
        client.close();
        registry.close();
    }
}
