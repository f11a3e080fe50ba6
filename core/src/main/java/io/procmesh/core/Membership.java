package io.procmesh.core;

import io.procmesh.core.agent.AgentRunner;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.core.channel.OutboundChannel;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.event.EventPublisher;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.rpc.RpcClient;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What {@link Procmesh#connect} opens and {@link Procmesh#close} releases, in one place so that the two orders
 * can be read side by side: registry, breaker table, slot, client and its reply reader, heartbeats, status; then
 * status DOWN, heartbeats, reply reader, client, publishers, reply queue, registry. The breaker table stays mapped
 * for the process's life ({@link BreakerTable#shared}). If a thread that may still write the registry or a queue
 * outlived its stop (a stuck handler, a heartbeat blocked in a scan), close leaves those mapped and the process's
 * exit releases them: unmapping under a writer is a SIGSEGV, not an error. A second close does nothing.
 */
final class Membership
{
    private static final long CLIENT_STOP_TIMEOUT_MS = 5_000;
    private final Procmesh.Context context;
    private final Registry registry;
    private final BreakerTable breakers;
    private final InstanceSlot slot;
    private final RpcClient client;
    private final AgentRunner clientRunner;
    private final HeartbeatAgent heartbeat;
    private final AgentRunner heartbeatRunner;
    private final List<EventPublisher> publishers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile boolean writerMayOutliveClose;

    Membership(final Procmesh.Context context)
    {
        this.context = context;
        final DataDirectory dirs = context.dataDirectory();
        dirs.requireFreeSpace(context.minFreeDiskMb());
        this.registry = Registry.open(dirs.registryFile(), context.registryMaxInstances());
        try
        {
            final BreakerTable breakerTable = BreakerTable.shared(dirs.breakerTable());
            this.breakers = breakerTable;
            this.slot = registry.register(new Registration(
                context.serviceName(), context.instanceId(), context.version(), ProcessHandle.current().pid(), "",
                context.metadata()), context.instanceStaleMs());
            this.client = new RpcClient(context.rpcClientContext()
                .replyQueue(dirs.replies(context.instanceId()))
                .registry(registry)
                .breakerTable(breakerTable)
                .slot(slot));
            this.clientRunner = new AgentRunner(client, context.idleStrategy().get(), context.errorHandler()).start();
            final long nowNs = System.nanoTime();
            slot.heartbeat(nowNs);
            this.heartbeat =
                new HeartbeatAgent(context.instanceId(), slot, client, context.heartbeatIntervalMs(), nowNs);
            this.heartbeatRunner = new AgentRunner(heartbeat, heartbeat, context.errorHandler()).start();
            slot.status(context.upOnConnect() ? InstanceStatus.UP : InstanceStatus.STARTING);
        }
        catch (final RuntimeException ex)
        {
            registry.close();
            throw ex;
        }
    }

    Registry registry()
    {
        return registry;
    }

    BreakerTable breakers()
    {
        return breakers;
    }

    InstanceSlot slot()
    {
        return slot;
    }

    RpcClient client()
    {
        return client;
    }

    HeartbeatAgent heartbeat()
    {
        return heartbeat;
    }

    EventPublisher publisher(final String topic)
    {
        final EventPublisher publisher = new EventPublisher(topic, context.instanceId(),
            new OutboundChannel(context.dataDirectory().topic(topic), context.codec()), context.json(),
            client::nextMessageId);
        publishers.add(publisher);
        return publisher;
    }

    /**
     * @see Procmesh.Context#rpcClientContext()
     */
    static RpcClient.Context clientContext(final Procmesh.Context context)
    {
        return new RpcClient.Context()
            .instanceId(context.instanceId())
            .callerService(context.serviceName())
            .codec(context.codec())
            .json(context.json())
            .maxCallsInFlight(context.maxCallsInFlight())
            .discoveryRefreshMs(context.discoveryRefreshMs())
            .defaultDeadlineMs(context.defaultDeadlineMs())
            .retainCycles(context.retainCycles())
            .instanceStaleMs(context.instanceStaleMs())
            .errorHandler(context.errorHandler());
    }

    void writerMayOutliveClose()
    {
        writerMayOutliveClose = true;
    }

    void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        slot.status(InstanceStatus.DOWN);
        if (!heartbeatRunner.stop(context.heartbeatIntervalMs() * 10, TimeUnit.MILLISECONDS))
        {
            context.errorHandler().onError(new IllegalStateException("heartbeat thread did not stop"));
            writerMayOutliveClose = true;
        }
        if (!clientRunner.stop(CLIENT_STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS))
        {
            context.errorHandler().onError(new IllegalStateException(
                "reply reader did not stop within " + CLIENT_STOP_TIMEOUT_MS + " ms"));
            writerMayOutliveClose = true;
        }
        else
        {
            // Fails the calls still waiting; a late send on its closed queues throws, Chronicle checks.
            client.close();
        }
        if (writerMayOutliveClose)
        {
            context.errorHandler().onError(new IllegalStateException(context.instanceId() +
                ": a writer may still run, so the registry and topic queues stay mapped until the process exits"));
            return;
        }
        for (final EventPublisher publisher : publishers)
        {
            publisher.close();
        }
        if (context.ephemeralInstanceId())
        {
            deleteOwnReplies();
        }
        registry.close();
    }

    /**
     * A default {@code <service>-<pid>} id is never used again, so its reply queue would only pile up. Its registry
     * entry stays, DOWN, for status and metrics.
     */
    private void deleteOwnReplies()
    {
        try
        {
            context.dataDirectory().deleteReplies(context.instanceId());
        }
        catch (final IOException | RuntimeException ex)
        {
            context.errorHandler().onError(new IllegalStateException(
                "cannot delete the reply queue of " + context.instanceId() + ": " + ex, ex));
        }
    }
}
