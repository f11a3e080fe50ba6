package io.procmesh.core;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.agent.IdleStrategies;
import io.procmesh.core.agent.IdleStrategy;
import io.procmesh.core.agent.LoggingErrorHandler;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.core.config.ConcludeOnce;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.config.PrivateDirectory;
import io.procmesh.core.config.JvmFlags;
import io.procmesh.core.config.Names;
import io.procmesh.core.config.Settings;
import io.procmesh.core.event.EventPublisher;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.core.rpc.RpcClient;
import io.procmesh.core.rpc.ServiceProxy;

import java.nio.file.Path;
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
 * What connect opens and close releases, and in which order, is {@link Membership}'s.
 */
public final class Procmesh implements AutoCloseable
{
    private final Context context;
    private final Membership membership;
    private Procmesh(final Context context)
    {
        this.context = context;
        this.membership = new Membership(context);
    }

    /** @throws io.procmesh.core.config.MissingJvmFlagsException in a JVM started without the Chronicle flags. */
    public static Procmesh connect(final Context context)
    {
        JvmFlags.requirePresent();
        final Context concluded = context.conclude();
        PrivateDirectory.require(concluded.dataDirectory().root());
        return new Procmesh(concluded);
    }

    /** Runs a task on the heartbeat thread at the heartbeat interval, e.g. a backlog measurement. */
    public void onHeartbeat(final Runnable task)
    {
        membership.heartbeat().addTask(task);
    }

    public <T> T proxy(final Class<T> api, final String service)
    {
        return proxy(api, service, context.defaultDeadlineMs());
    }

    public <T> T proxy(final Class<T> api, final String service, final long timeoutMs)
    {
        return ServiceProxy.create(api, Names.requireValid("service", service), membership.client(), timeoutMs);
    }

    public EventPublisher publisher(final String topic)
    {
        return membership.publisher(topic);
    }

    public RpcClient client()
    {
        return membership.client();
    }

    public Registry registry()
    {
        return membership.registry();
    }

    /**
     * @return the circuit breakers every process on the host shares, for reading their state.
     */
    public BreakerTable breakers()
    {
        return membership.breakers();
    }

    public InstanceSlot slot()
    {
        return membership.slot();
    }

    public Context context()
    {
        return context;
    }

    /** A writer of this process's slot or queues did not stop in time: {@link #close} leaves them mapped. */
    public void writerMayOutliveClose()
    {
        membership.writerMayOutliveClose();
    }

    @Override
    public void close()
    {
        membership.close();
    }

    /** Settings for one process's membership. Unset fields take their defaults from {@link Configuration}. */
    public static final class Context
    {
        private final ConcludeOnce concluded = new ConcludeOnce("Procmesh.Context");
        private Path dataDir;
        private String serviceName;
        private String instanceId;
        private String version = "0";
        private String metadata = Configuration.metadata();
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
         * has its own (ServiceHost.Context), so a busy-spin service does not also spin its reply reader.
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
         * Fills every unset field from configuration and checks the result. Called by connect; runs once.
         */
        public Context conclude()
        {
            concluded.begin();
            dataDirectory = new DataDirectory(dataDir != null ? dataDir : Path.of(Configuration.dataDir()));
            serviceName = Settings.serviceName(serviceName, Configuration.serviceName());
            instanceId = instanceId != null ? instanceId : Configuration.instanceId();
            ephemeralInstanceId = instanceId == null;
            instanceId = Names.requireValid("instance",
                ephemeralInstanceId ? serviceName + "-" + ProcessHandle.current().pid() : instanceId);
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
            instanceStaleMs = Settings.longerThan(Configuration.INSTANCE_STALE_MS_PROP_NAME,
                Settings.positive(Configuration.INSTANCE_STALE_MS_PROP_NAME,
                    instanceStaleMs != null ? instanceStaleMs : Configuration.instanceStaleMs()),
                Configuration.HEARTBEAT_INTERVAL_MS_PROP_NAME, heartbeatIntervalMs);
            idleStrategy = IdleStrategies.byName(
                idleStrategyName != null ? idleStrategyName : Configuration.replyIdleStrategy());
            errorHandler = errorHandler != null ? errorHandler : new LoggingErrorHandler(instanceId);
            codec = new EnvelopeCodec(maxPayloadBytes);
            json = json != null ? json : new JsonPayloads();
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
         * @return whether the id is the per-process default, {@code <service>-<pid>}: close deletes its replies.
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
         * @return a client context with this membership's settings; the caller adds reply queue, registry and slot.
         */
        public RpcClient.Context rpcClientContext()
        {
            return Membership.clientContext(this);
        }

        public JsonPayloads json()
        {
            return json;
        }
    }
}
