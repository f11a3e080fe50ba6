package io.procmesh.benchmarks.roundtrip.procmesh;

import io.procmesh.benchmarks.harness.ReplyListener;
import io.procmesh.benchmarks.harness.RequestTransport;
import io.procmesh.core.Procmesh;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.rpc.ReusableCall;
import io.procmesh.core.rpc.RpcClient;
import net.openhft.chronicle.bytes.Bytes;

import java.nio.file.Path;

/**
 * procmesh's allocation-free path: {@link RpcClient#invoke} of {@link ReusableCall}s (RAW payload: the 8-byte
 * stamp and filler) to a ServiceHost raw handler. A ring of calls lets several be in flight; replies from one
 * responder come back in order, so the oldest call is the one to check.
 * <p>
 * The client's agent runs on the load generator's thread instead of its own ({@link Procmesh#connect} would
 * start a reply-reader thread), so a busy-spin run has one spinning thread per JVM, as 2 cores need.
 * Discovery, pending calls, deadlines, envelopes and slot counters are all procmesh's own. The periodic directory
 * refresh runs on {@code Procmesh}'s heartbeat thread in an application, off the calling path; this client has no
 * such thread, and its directory is filled by the first call's miss.
 */
public final class ProcmeshRawTransport implements RequestTransport
{
    public static final String CLIENT_SERVICE = "bench-client";
    public static final int MAX_IN_FLIGHT = 256;
    private static final int MASK = MAX_IN_FLIGHT - 1;

    private final Registry registry;
    private final RpcClient client;
    private final long timeoutMs;
    private final ReusableCall[] calls = new ReusableCall[MAX_IN_FLIGHT];
    private byte[] filler = new byte[0];
    private long oldest;
    private long next;

    public ProcmeshRawTransport(final Path dataDir, final String instanceId)
    {
        final Procmesh.Context context = new Procmesh.Context()
            .dataDir(dataDir)
            .serviceName(CLIENT_SERVICE)
            .instanceId(instanceId)
            .conclude();
        final DataDirectory dirs = context.dataDirectory();
        this.registry = Registry.open(dirs.registryFile(), context.registryMaxInstances());
        final InstanceSlot slot = registry.register(new Registration(
            CLIENT_SERVICE, instanceId, "0", ProcessHandle.current().pid(), "", ""));
        this.client = new RpcClient(context.rpcClientContext()
            .replyQueue(dirs.replies(instanceId))
            .registry(registry)
            .slot(slot));
        this.timeoutMs = context.defaultDeadlineMs();
        for (int i = 0; i < MAX_IN_FLIGHT; i++)
        {
            calls[i] = new ReusableCall(EchoApi.SERVICE, EchoApi.OPERATION);
        }
        slot.status(InstanceStatus.UP);
        awaitEcho(context.defaultDeadlineMs());
    }

    /**
     * Makes one call before any run: a call made while the client's first directory refresh is still running on
     * another thread can find no instance (see the benchmarks analysis), so the first one is retried.
     */
    private void awaitEcho(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        final ReusableCall call = calls[0];
        while (true)
        {
            call.request().clear().writeLong(0);
            if (client.invoke(call, timeoutMs))
            {
                while (!call.isDone())
                {
                    client.doWork();
                }
                if (call.failure() == null)
                {
                    return;
                }
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("no answer from " + EchoApi.SERVICE + ": " + call.failure());
            }
            client.doWork();
        }
    }

    @Override
    public int maxInFlight()
    {
        return MAX_IN_FLIGHT;
    }

    @Override
    public void prepare(final int payloadBytes)
    {
        if (payloadBytes < Long.BYTES)
        {
            throw new IllegalArgumentException("RAW payload must be at least " + Long.BYTES + " bytes");
        }
        filler = new byte[payloadBytes - Long.BYTES];
    }

    @Override
    public void send(final long intendedSendNs)
    {
        final ReusableCall call = calls[(int)(next & MASK)];
        call.request().clear().writeLong(intendedSendNs).write(filler);
        if (!client.invoke(call, timeoutMs))
        {
            throw new IllegalStateException("procmesh invoke failed: " + call.failure());
        }
        next++;
    }

    @Override
    public int poll(final ReplyListener listener)
    {
        int work = client.doWork();
        while (oldest != next)
        {
            final ReusableCall call = calls[(int)(oldest & MASK)];
            if (!call.isDone())
            {
                break;
            }
            oldest++;
            work++;
            if (call.failure() == null)
            {
                final Bytes<?> reply = call.reply();
                listener.onReply(reply.readLong(reply.readPosition()));
            }
            else
            {
                listener.onLost();
            }
        }
        return work;
    }

    @Override
    public void close()
    {
        client.close();
        registry.close();
    }
}
