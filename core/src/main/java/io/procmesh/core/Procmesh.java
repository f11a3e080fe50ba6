package io.procmesh.core;

import io.procmesh.core.agent.AgentRunner;
import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.agent.IdleStrategies;
import io.procmesh.core.agent.IdleStrategy;
import io.procmesh.core.agent.LoggingErrorHandler;
import io.procmesh.core.channel.OutboundChannel;
import io.procmesh.core.config.ConcludeOnce;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.config.JvmFlags;
import io.procmesh.core.config.Names;
import io.procmesh.core.config.Settings;
import io.procmesh.core.event.EventPublisher;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.core.rpc.RpcClient;
import io.procmesh.core.rpc.ServiceProxy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One process's membership of a procmesh: its registry entry and slot, heartbeats, and the client that calls
 * other services. A {@link io.procmesh.core.service.ServiceHost} on top of it serves requests.
 * <pre>
 * try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().instanceId("app-1")))
 * {
 *     UserApi users = mesh.proxy(UserApi.class, "user");
 * }
 * </pre>
 * Close order: status DOWN, heartbeats, reply reader, client, publishers, registry. If a thread that may still
 * write the registry or a queue outlived its stop (a stuck handler, a heartbeat blocked in a scan), close leaves
 * those mapped and the process's exit releases them: unmapping under a writer is a SIGSEGV, not an error.
 */
public final class Procmesh implements AutoCloseable
{
    private static final long CLIENT_STOP_TIMEOUT_MS = 5_000;
    private final Context context;
    private final Registry registry;
    private final InstanceSlot slot;
    private final RpcClient client;
    private final AgentRunner clientRunner;
    private final HeartbeatAgent heartbeat;
    private final AgentRunner heartbeatRunner;
    private final List<EventPublisher> publishers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile boolean writerMayOutliveClose;

    private Procmesh(final Context context)
    {
        this.context = context;
        final DataDirectory dirs = context.dataDirectory();
        dirs.requireFreeSpace(context.minFreeDiskMb());
        this.registry = Registry.open(dirs.registryFile(), context.registryMaxInstances());
        try
        {
            this.slot = registry.register(new Registration(
                context.serviceName(), context.instanceId(), context.version(), ProcessHandle.current().pid(), "",
                context.metadata()), context.instanceStaleMs());
            this.client = new RpcClient(context.rpcClientContext()
                .replyQueue(dirs.replies(context.instanceId()))
                .registry(registry)
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

    /**
     * @throws io.procmesh.core.config.MissingJvmFlagsException in a JVM started without the Chronicle flags.
     */
    public static Procmesh connect(final Context context)
    {
        JvmFlags.requirePresent();
        return new Procmesh(context.conclude());
    }

    /**
     * Runs a task on the heartbeat thread at the heartbeat interval, e.g. a backlog measurement.
     */
    public void onHeartbeat(final Runnable task)
    {
        heartbeat.addTask(task);
    }

    public <T> T proxy(final Class<T> api, final String service)
    {
        return proxy(api, service, context.defaultDeadlineMs());
    }

    public <T> T proxy(final Class<T> api, final String service, final long timeoutMs)
    {
        return ServiceProxy.create(api, Names.requireValid("service", service), client, timeoutMs);
    }

    public EventPublisher publisher(final String topic)
    {
        final EventPublisher publisher = new EventPublisher(topic, context.instanceId(),
            new OutboundChannel(context.dataDirectory().topic(topic), context.codec()), context.json(),
            client::nextMessageId);
        publishers.add(publisher);
        return publisher;
    }

    public RpcClient client()
    {
        return client;
    }

    public Registry registry()
    {
        return registry;
    }

    public InstanceSlot slot()
    {
        return slot;
    }

    public Context context()
    {
        return context;
    }

    /**
     * A thread that writes this process's slot or queues did not stop in time (e.g. a handler past the shutdown
     * timeout): {@link #close} will leave the registry and publishers mapped instead of unmapping them under it.
     */
    public void writerMayOutliveClose()
    {
        writerMayOutliveClose = true;
    }

    @Override
    public void close()
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

    /**
     * Settings for one process's membership. Unset fields take their defaults from {@link Configuration}.
     */
    public static final class Context
    {
        private final ConcludeOnce concluded = new ConcludeOnce("Procmesh.Context");
        private Path dataDir;
        private String serviceName;
        private String instanceId;
        private String version = "0";
        private String metadata = "";
        private Long heartbeatIntervalMs;
        private Long defaultDeadlineMs;
        private Long discoveryRefreshMs;
        private Integer maxCallsInFlight;
        private Integer registryMaxInstances;
        private Integer maxPayloadBytes;
        private Integer retainCycles;
        private Long instanceStaleMs;
        private String idleStrategyName;
        private boolean upOnConnect = true;
        private boolean ephemeralInstanceId;
        private Long minFreeDiskMb;
        private ErrorHandler errorHandler;
        private DataDirectory dataDirectory;
        private Supplier<IdleStrategy> idleStrategy;
        private EnvelopeCodec codec;
        private JsonPayloads json;

        public Context dataDir(final Path dataDir)
        {
            this.dataDir = dataDir;
            return this;
        }

        public Context serviceName(final String serviceName)
        {
            this.serviceName = serviceName;
            return this;
        }

        public Context instanceId(final String instanceId)
        {
            this.instanceId = instanceId;
            return this;
        }

        public Context version(final String version)
        {
            this.version = version;
            return this;
        }

        public Context metadata(final String metadata)
        {
            this.metadata = metadata;
            return this;
        }

        public Context heartbeatIntervalMs(final long heartbeatIntervalMs)
        {
            this.heartbeatIntervalMs = heartbeatIntervalMs;
            return this;
        }

        public Context defaultDeadlineMs(final long defaultDeadlineMs)
        {
            this.defaultDeadlineMs = defaultDeadlineMs;
            return this;
        }

        public Context discoveryRefreshMs(final long discoveryRefreshMs)
        {
            this.discoveryRefreshMs = discoveryRefreshMs;
            return this;
        }

        public Context maxCallsInFlight(final int maxCallsInFlight)
        {
            this.maxCallsInFlight = maxCallsInFlight;
            return this;
        }

        public Context registryMaxInstances(final int registryMaxInstances)
        {
            this.registryMaxInstances = registryMaxInstances;
            return this;
        }

        public Context maxPayloadBytes(final int maxPayloadBytes)
        {
            this.maxPayloadBytes = maxPayloadBytes;
            return this;
        }

        public Context retainCycles(final int retainCycles)
        {
            this.retainCycles = retainCycles;
            return this;
        }

        public Context instanceStaleMs(final long instanceStaleMs)
        {
            this.instanceStaleMs = instanceStaleMs;
            return this;
        }

        /**
         * The reply reader's idle strategy (default {@code procmesh.replyIdleStrategy}, backoff). A service's inbox
         * has its own, on {@link io.procmesh.core.service.ServiceHost.Context}, so a busy-spin service does not also
         * spin its reply reader on a small host.
         */
        public Context idleStrategy(final String name)
        {
            this.idleStrategyName = name;
            return this;
        }

        /**
         * @param upOnConnect whether {@link Procmesh#connect} announces the instance UP (the default, right for a
         *                    process that only calls others). A process with more to do before it can serve, such
         *                    as a {@link io.procmesh.core.service.ServiceHost} or the HTTP gateway, passes false:
         *                    it stays STARTING, so a supervisor does not count it UP early, until it sets UP itself.
         */
        public Context upOnConnect(final boolean upOnConnect)
        {
            this.upOnConnect = upOnConnect;
            return this;
        }

        public boolean upOnConnect()
        {
            return upOnConnect;
        }

        /**
         * @param minFreeDiskMb connect refuses, naming the space, when the data directory has less free (default
         *                      {@code procmesh.minFreeDiskMb}, 64); 0 turns the check off.
         */
        public Context minFreeDiskMb(final long minFreeDiskMb)
        {
            this.minFreeDiskMb = minFreeDiskMb;
            return this;
        }

        public long minFreeDiskMb()
        {
            return minFreeDiskMb;
        }

        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        public Context json(final JsonPayloads json)
        {
            this.json = json;
            return this;
        }

        /**
         * Fills every unset field from configuration and checks the result. Called by connect; a second call
         * throws {@link IllegalStateException}.
         */
        public Context conclude()
        {
            concluded.begin();
            dataDirectory = new DataDirectory(dataDir != null ? dataDir : Path.of(Configuration.dataDir()));
            serviceName = Settings.serviceName(serviceName, Configuration.serviceName());
            if (instanceId == null)
            {
                instanceId = Configuration.instanceId();
            }
            if (instanceId == null)
            {
                instanceId = serviceName + "-" + ProcessHandle.current().pid();
                ephemeralInstanceId = true;
            }
            Names.requireValid("instance", instanceId);
            heartbeatIntervalMs = Settings.positive(Configuration.HEARTBEAT_INTERVAL_MS_PROP_NAME,
                heartbeatIntervalMs != null ? heartbeatIntervalMs : Configuration.heartbeatIntervalMs());
            defaultDeadlineMs = Settings.positive(Configuration.DEFAULT_DEADLINE_MS_PROP_NAME,
                defaultDeadlineMs != null ? defaultDeadlineMs : Configuration.defaultDeadlineMs());
            discoveryRefreshMs = Settings.positive(Configuration.DISCOVERY_REFRESH_MS_PROP_NAME,
                discoveryRefreshMs != null ? discoveryRefreshMs : Configuration.discoveryRefreshMs());
            maxCallsInFlight = maxCallsInFlight != null ? maxCallsInFlight : Configuration.maxCallsInFlight();
            minFreeDiskMb = minFreeDiskMb != null ? minFreeDiskMb : Configuration.minFreeDiskMb();
            registryMaxInstances = registryMaxInstances != null ?
                registryMaxInstances : Configuration.registryMaxInstances();
            maxPayloadBytes = maxPayloadBytes != null ? maxPayloadBytes : Configuration.maxPayloadBytes();
            retainCycles = retainCycles != null ? retainCycles : Configuration.retainCycles();
            instanceStaleMs = Settings.positive(Configuration.INSTANCE_STALE_MS_PROP_NAME,
                instanceStaleMs != null ? instanceStaleMs : Configuration.instanceStaleMs());
            if (instanceStaleMs <= heartbeatIntervalMs)
            {
                throw new IllegalArgumentException(Configuration.INSTANCE_STALE_MS_PROP_NAME + " (" + instanceStaleMs +
                    ") must be longer than " + Configuration.HEARTBEAT_INTERVAL_MS_PROP_NAME + " (" +
                    heartbeatIntervalMs + ")");
            }
            idleStrategy = IdleStrategies.byName(
                idleStrategyName != null ? idleStrategyName : Configuration.replyIdleStrategy());
            if (errorHandler == null)
            {
                errorHandler = new LoggingErrorHandler(instanceId);
            }
            codec = new EnvelopeCodec(maxPayloadBytes);
            if (json == null)
            {
                json = new JsonPayloads();
            }
            return this;
        }

        public DataDirectory dataDirectory()
        {
            return dataDirectory;
        }

        public String serviceName()
        {
            return serviceName;
        }

        public String instanceId()
        {
            return instanceId;
        }

        /**
         * @return whether the instance id is the per-process default, {@code <service>-<pid>}: its reply queue is
         * deleted on close.
         */
        public boolean ephemeralInstanceId()
        {
            return ephemeralInstanceId;
        }

        public String version()
        {
            return version;
        }

        public String metadata()
        {
            return metadata;
        }

        public long heartbeatIntervalMs()
        {
            return heartbeatIntervalMs;
        }

        public long defaultDeadlineMs()
        {
            return defaultDeadlineMs;
        }

        public long discoveryRefreshMs()
        {
            return discoveryRefreshMs;
        }

        public int maxCallsInFlight()
        {
            return maxCallsInFlight;
        }

        public int registryMaxInstances()
        {
            return registryMaxInstances;
        }

        public long instanceStaleMs()
        {
            return instanceStaleMs;
        }

        public int retainCycles()
        {
            return retainCycles;
        }

        public Supplier<IdleStrategy> idleStrategy()
        {
            return idleStrategy;
        }

        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        public EnvelopeCodec codec()
        {
            return codec;
        }

        /**
         * @return a client context with this membership's settings; the caller adds the reply queue, registry and
         * slot.
         */
        public RpcClient.Context rpcClientContext()
        {
            return new RpcClient.Context()
                .instanceId(instanceId)
                .codec(codec)
                .json(json)
                .maxCallsInFlight(maxCallsInFlight)
                .discoveryRefreshMs(discoveryRefreshMs)
                .defaultDeadlineMs(defaultDeadlineMs)
                .retainCycles(retainCycles)
                .instanceStaleMs(instanceStaleMs)
                .errorHandler(errorHandler);
        }

        public JsonPayloads json()
        {
            return json;
        }
    }
}
