package io.procmesh.core.rpc;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.registry.RegistryReader;
import io.procmesh.core.test.TestDirectories;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link RpcClient} in this JVM with no agent thread (the test runs {@link RpcClient#doWork}), calling a target
 * instance that is UP in the registry but whose inbox nobody reads: so a call ends only by the paths under test.
 * Faults are injected through the reply source and the registry reader.
 */
final class InProcessCaller implements AutoCloseable
{
    static final String SERVICE = "target";
    static final String TARGET = "target-1";
    static final int MAX_PAYLOAD_BYTES = 4096;

    final DataDirectory dirs;
    final Registry registry;
    final InstanceSlot callerSlot;
    final InstanceSlot targetSlot;
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final ErrorHandler errorHandler = errors::add;
    final EnvelopeCodec codec = new EnvelopeCodec(MAX_PAYLOAD_BYTES);
    RpcClient client;

    InProcessCaller(final String name)
    {
        dirs = new DataDirectory(TestDirectories.create(name));
        registry = Registry.open(dirs.registryFile(), 64);
        targetSlot = registry.register(new Registration(SERVICE, TARGET, "1", ProcessHandle.current().pid(),
            dirs.inbox(SERVICE, TARGET).toString(), ""));
        targetSlot.status(InstanceStatus.UP);
        callerSlot = registry.register(new Registration("caller", "caller-1", "1", ProcessHandle.current().pid(),
            "", ""));
    }

    /**
     * Builds the client; the wrappers see the real reply source and registry reader and may fail instead.
     */
    RpcClient start(
        final java.util.function.UnaryOperator<ReplySource> replies,
        final java.util.function.UnaryOperator<RegistryReader> reader)
    {
        final ReplySource source = ReplySource.of(
            InboundChannel.fromEnd(dirs.replies("caller-1"), codec, 2, errorHandler));
        client = new RpcClient(new RpcClient.Context()
            .instanceId("caller-1")
            .slot(callerSlot)
            .codec(codec)
            .replies(replies.apply(source))
            .registryReader(reader.apply(RegistryReader.of(registry)))
            .maxCallsInFlight(16)
            .discoveryRefreshMs(1_000)
            .defaultDeadlineMs(2_000)
            .instanceStaleMs(600_000)
            .errorHandler(errorHandler));
        return client;
    }

    RpcClient start()
    {
        return start(r -> r, r -> r);
    }

    @Override
    public void close()
    {
        if (client != null)
        {
            client.close();
        }
        registry.close();
    }
}
