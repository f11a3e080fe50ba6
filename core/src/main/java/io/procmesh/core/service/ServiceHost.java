package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.agent.AgentRunner;
import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.agent.IdleStrategies;
import io.procmesh.core.channel.HandledMark;
import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.config.ConcludeOnce;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.config.Names;
import io.procmesh.core.config.Settings;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.rpc.OperationTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one service implementation in this JVM: advertises its inbox, reads it on a dedicated thread with the
 * configured idle strategy, and reports backlog with each heartbeat.
 * <p>
 * {@link #close()} is the graceful stop: DRAINING, stop reading, let in-flight requests finish, DOWN, close
 * queues, all within the shutdown timeout. The {@link Procmesh} it runs on is closed separately, after it.
 */
public final class ServiceHost implements AutoCloseable
{
    public static final String INBOX_TAILER = "inbox";

    private final Context context;
    private final InstanceSlot slot;
    private final InboundChannel inbox;
    private final RequestDispatcher dispatcher;
    private final ReplyChannels replyChannels;
    private final AgentRunner runner;
    private volatile boolean closed;

    private ServiceHost(final Context context)
    {
        this.context = context;
        final Procmesh mesh = context.mesh;
        final Procmesh.Context meshContext = mesh.context();
        final DataDirectory dirs = meshContext.dataDirectory();
        final String service = meshContext.serviceName();
        final String instanceId = meshContext.instanceId();
        final ErrorHandler errorHandler = meshContext.errorHandler();
        this.slot = mesh.slot();

        final Path inboxPath = dirs.inbox(service, instanceId);
        slot.status(InstanceStatus.STARTING);
        this.inbox = InboundChannel.named(inboxPath, INBOX_TAILER, meshContext.codec(), meshContext.retainCycles(),
            errorHandler);
        final HandledMark mark = HandledMark.open(inboxPath, inbox.lastIndex());
        if (mark.resetFrom() != HandledMark.NONE)
        {
            errorHandler.onError(new IllegalStateException("inbox " + inboxPath + ": handled mark 0x" +
                Long.toHexString(mark.resetFrom()) + " lay beyond the queue's last index, reset"));
        }
        slot.lastHandledIndex(mark.get());
        this.replyChannels = new ReplyChannels(dirs, meshContext.codec());
        this.dispatcher = new RequestDispatcher(service, instanceId, context.implementation,
            context.api == null ? null : OperationTable.of(context.api, meshContext.json()), context.rawHandler,
            meshContext.json(), replyChannels, slot, errorHandler);

        final TopicReader[] topics = new TopicReader[context.subscriptions.size()];
        for (int i = 0; i < topics.length; i++)
        {
            final Subscription<?> subscription = context.subscriptions.get(i);
            topics[i] = new TopicReader(
                InboundChannel.named(dirs.topic(subscription.topic()), service, meshContext.codec(), 0, null),
                subscription, meshContext.json(), slot, errorHandler, context.dedupWindow);
        }

        final InboxAgent agent = new InboxAgent("procmesh-inbox-" + instanceId, inbox, dispatcher, slot, mark,
            errorHandler, context.dedupWindow, topics);
        this.runner = new AgentRunner(agent, IdleStrategies.byName(context.idleStrategyName).get(), errorHandler);
        slot.advertiseInbox(inboxPath.toString());
        mesh.onHeartbeat(this::onHeartbeat);
        runner.start();
        slot.status(InstanceStatus.UP);
    }

    public static ServiceHost launch(final Context context)
    {
        return new ServiceHost(context.conclude());
    }

    /**
     * Measures the inbox backlog and closes reply queues of callers gone quiet.
     */
    private void onHeartbeat()
    {
        if (!closed)
        {
            final long backlog = inbox.backlogAfter(slot.lastHandledIndex());
            if (backlog >= 0)
            {
                slot.inboxBacklog(backlog);
            }
            replyChannels.closeIdle(System.nanoTime());
        }
    }

    public InstanceSlot slot()
    {
        return slot;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(context.shutdownTimeoutMs);
        slot.status(InstanceStatus.DRAINING);
        final boolean stopped = runner.stop(context.shutdownTimeoutMs, TimeUnit.MILLISECONDS);
        while (dispatcher.asyncInFlight() > 0 && System.nanoTime() - deadlineNs < 0)
        {
            Thread.onSpinWait();
            Thread.yield();
        }
        slot.status(InstanceStatus.DOWN);
        if (stopped && dispatcher.asyncInFlight() == 0)
        {
            replyChannels.close();
            return;
        }
        // A handler is still running and will write its slot and its reply: unmapping either under it is a
        // SIGSEGV. Both stay mapped until the process exits.
        context.mesh.writerMayOutliveClose();
        context.mesh.context().errorHandler().onError(new IllegalStateException("a handler did not finish within " +
            context.shutdownTimeoutMs + " ms; its reply queues and the registry stay mapped until the process exits"));
    }

    /**
     * What to host and how. Unset fields take their defaults from {@link Configuration}.
     */
    public static final class Context
    {
        private final ConcludeOnce concluded = new ConcludeOnce("ServiceHost.Context");
        private Procmesh mesh;
        private Class<?> api;
        private Object implementation;
        private RawRequestHandler rawHandler;
        private final List<Subscription<?>> subscriptions = new ArrayList<>();
        private String idleStrategyName;
        private Long shutdownTimeoutMs;
        private Integer dedupWindowValue;
        private int dedupWindow;

        public Context mesh(final Procmesh mesh)
        {
            this.mesh = mesh;
            return this;
        }

        public <T> Context handler(final Class<T> api, final T implementation)
        {
            this.api = api;
            this.implementation = implementation;
            return this;
        }

        /**
         * Serves every request from raw bytes instead of a typed interface; see {@link RawRequestHandler}.
         */
        public Context rawHandler(final RawRequestHandler rawHandler)
        {
            this.rawHandler = rawHandler;
            return this;
        }

        public <T> Context subscribe(final String topic, final Class<T> eventType, final Consumer<T> handler)
        {
            subscriptions.add(new Subscription<>(Names.requireValid("topic", topic), eventType, handler));
            return this;
        }

        public Context idleStrategy(final String name)
        {
            this.idleStrategyName = name;
            return this;
        }

        public Context shutdownTimeoutMs(final long shutdownTimeoutMs)
        {
            this.shutdownTimeoutMs = shutdownTimeoutMs;
            return this;
        }

        public Context dedupWindow(final int dedupWindow)
        {
            this.dedupWindowValue = dedupWindow;
            return this;
        }

        /**
         * Fills every unset field from configuration and checks the result. Called by launch; a second call
         * throws {@link IllegalStateException}.
         */
        public Context conclude()
        {
            concluded.begin();
            Objects.requireNonNull(mesh, "ServiceHost.Context.mesh is required");
            if ((api == null) == (rawHandler == null))
            {
                throw new IllegalArgumentException(
                    "ServiceHost.Context needs exactly one of handler(api, implementation) or rawHandler(handler)");
            }
            if (api != null && !api.isInstance(implementation))
            {
                throw new IllegalArgumentException(implementation + " does not implement " + api.getName());
            }
            idleStrategyName = idleStrategyName != null ? idleStrategyName : Configuration.idleStrategy();
            IdleStrategies.byName(idleStrategyName);
            shutdownTimeoutMs = shutdownTimeoutMs != null ? shutdownTimeoutMs : Configuration.shutdownTimeoutMs();
            dedupWindow = Settings.positive(Configuration.DEDUP_WINDOW_PROP_NAME,
                dedupWindowValue != null ? dedupWindowValue : Configuration.dedupWindow());
            return this;
        }
    }
}
