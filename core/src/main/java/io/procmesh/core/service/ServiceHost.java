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
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs one service implementation in this JVM: writes one reply to a scratch queue ({@link ReplyWarmUp}), advertises
 * its inbox, reads it on a dedicated thread with the configured idle strategy, and reports backlog with each
 * heartbeat.
 * <p>
 * {@link #close()} is the graceful stop: DRAINING, stop reading, let in-flight requests and owed async replies
 * finish, DOWN, close queues, all within the shutdown timeout. Async replies still owed then are counted as errors
 * and dropped (their callers time out). The {@link Procmesh} it runs on is closed separately, after it.
 */
public final class ServiceHost implements AutoCloseable
{
    public static final String INBOX_TAILER = "inbox";
    private static final long STOP_FLOOR_NS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Context context;
    private final InstanceSlot slot;
    private final InboundChannel inbox;
    private final RequestDispatcher dispatcher;
    private final InboxTasks tasks;
    private final InboxAgent agent;
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
        this.tasks = new InboxTasks(errorHandler);
        this.dispatcher = new RequestDispatcher(service, instanceId, context.implementation,
            context.api == null ? null : OperationTable.of(context.api, meshContext.json()), context.rawHandler,
            meshContext.json(), replyChannels, slot, errorHandler, tasks, context.maxAsyncReplies);

        final TopicReader[] topics = new TopicReader[context.subscriptions.size()];
        for (int i = 0; i < topics.length; i++)
        {
            final Subscription<?> subscription = context.subscriptions.get(i);
            topics[i] = new TopicReader(
                InboundChannel.named(dirs.topic(subscription.topic()), service, meshContext.codec(), 0, null),
                subscription, meshContext.json(), slot, errorHandler, context.dedupWindow);
        }

        this.agent = new InboxAgent("procmesh-inbox-" + instanceId, inbox, dispatcher, slot, mark,
            errorHandler, context.dedupWindow, topics, tasks);
        this.runner = new AgentRunner(agent, IdleStrategies.byName(context.idleStrategyName).get(), errorHandler);
        ReplyWarmUp.run(dirs.replyWarmUp(instanceId), meshContext.codec(), meshContext.json(), service, instanceId,
            errorHandler);
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
        agent.stopTaking();
        // The loop keeps running the replies of async handlers as their futures complete, up to the timeout.
        while (dispatcher.asyncInFlight() > 0 && System.nanoTime() - deadlineNs < 0)
        {
            LockSupport.parkNanos(1_000_000L);
        }
        // An idle loop stops within a cycle: what the wait for owed replies left, but never less than a moment.
        final long stopWithinNs = Math.max(STOP_FLOOR_NS, deadlineNs - System.nanoTime());
        final boolean stopped = runner.stop(stopWithinNs, TimeUnit.NANOSECONDS);
        slot.status(InstanceStatus.DOWN);
        if (stopped)
        {
            // Nothing writes a reply after the loop: a future completing from now on finds its task dropped.
            tasks.close();
            final int owed = dispatcher.asyncInFlight();
            for (int i = 0; i < owed; i++)
            {
                slot.incrementErrors();
            }
            if (owed > 0)
            {
                context.mesh.context().errorHandler().onError(new IllegalStateException(owed + " async " +
                    (owed == 1 ? "reply was" : "replies were") + " still owed after " + context.shutdownTimeoutMs +
                    " ms: not sent, their callers time out"));
            }
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
     * @return how many async replies were owed at close and dropped, or completed after it; for tests.
     */
    long droppedAsyncReplies()
    {
        return tasks.dropped();
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
        private Integer maxAsyncRepliesValue;
        private int maxAsyncReplies;

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
         * @param maxAsyncReplies async replies owed at once before the inbox waits ({@code procmesh.maxAsyncReplies}).
         */
        public Context maxAsyncReplies(final int maxAsyncReplies)
        {
            this.maxAsyncRepliesValue = maxAsyncReplies;
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
            maxAsyncReplies = Settings.positive(Configuration.MAX_ASYNC_REPLIES_PROP_NAME,
                maxAsyncRepliesValue != null ? maxAsyncRepliesValue : Configuration.maxAsyncReplies());
            return this;
        }
    }
}
