package io.procmesh.core.config;

/**
 * Every setting procmesh-core reads, with its system property name and default, in one place.
 * <p>
 * All names share the {@code procmesh.} prefix and carry their unit. A component's {@code Context} takes its
 * defaults from here; setting the context field wins over the property.
 */
public final class Configuration
{
    public static final String PREFIX = "procmesh.";

    public static final String DATA_DIR_PROP_NAME = "procmesh.dataDir";
    public static final String DATA_DIR_DEFAULT = "./procmesh-data";

    public static final String INSTANCE_ID_PROP_NAME = "procmesh.instanceId";

    /**
     * The topology's name of the service a child JVM runs, set by the launcher for every service. A
     * {@code Procmesh.Context} without a service name takes it, and connect refuses any other name.
     */
    public static final String SERVICE_NAME_PROP_NAME = "procmesh.serviceName";

    /**
     * The service's api interface (fully qualified name) that {@code ServiceMain} hosts, set by the launcher for a
     * service given by {@code implementation:}.
     */
    public static final String SERVICE_API_PROP_NAME = "procmesh.service.api";

    /**
     * The class {@code ServiceMain} instantiates and hosts under the api.
     */
    public static final String SERVICE_IMPLEMENTATION_PROP_NAME = "procmesh.service.implementation";

    /**
     * The service's version from the topology; may be absent.
     */
    public static final String SERVICE_VERSION_PROP_NAME = "procmesh.service.version";

    /**
     * Absolute path of the JSON object file that holds the topology's {@code config:} block of the service.
     */
    public static final String SERVICE_CONFIG_FILE_PROP_NAME = "procmesh.service.configFile";

    /**
     * Absolute path of the live-config overlay beside the topology ({@code <name>.overlay.json}); it may not exist.
     */
    public static final String SERVICE_CONFIG_OVERLAY_PROP_NAME = "procmesh.service.configOverlay";

    /**
     * {@code true} starts {@code ServiceMain} as the hot standby of its instance id: it loads and warms up, waits on
     * the instance's lock file until the primary dies, then takes the id over (docs/operations.md, "Hot standby").
     */
    public static final String SERVICE_STANDBY_PROP_NAME = "procmesh.service.standby";

    /**
     * How often a service checks its config overlay for changes (on the heartbeat thread).
     */
    public static final String CONFIG_POLL_MS_PROP_NAME = "procmesh.configPollMs";
    public static final long CONFIG_POLL_MS_DEFAULT = 250;

    public static final String HEARTBEAT_INTERVAL_MS_PROP_NAME = "procmesh.heartbeatIntervalMs";
    public static final long HEARTBEAT_INTERVAL_MS_DEFAULT = 50;

    public static final String IDLE_STRATEGY_PROP_NAME = "procmesh.idleStrategy";
    public static final String IDLE_STRATEGY_DEFAULT = "backoff";

    public static final String REPLY_IDLE_STRATEGY_PROP_NAME = "procmesh.replyIdleStrategy";
    public static final String REPLY_IDLE_STRATEGY_DEFAULT = "backoff";

    public static final String DEFAULT_DEADLINE_MS_PROP_NAME = "procmesh.defaultDeadlineMs";
    public static final long DEFAULT_DEADLINE_MS_DEFAULT = 2_000;

    /**
     * What a call made inside a handler leaves of the handled request's remaining time, for the handler to reply.
     */
    public static final String DEADLINE_MARGIN_MS_PROP_NAME = "procmesh.deadlineMarginMs";
    public static final long DEADLINE_MARGIN_MS_DEFAULT = 5;

    /**
     * Async replies a service may owe at once; at the limit its inbox waits (topics and completions go on).
     */
    public static final String MAX_ASYNC_REPLIES_PROP_NAME = "procmesh.maxAsyncReplies";
    public static final int MAX_ASYNC_REPLIES_DEFAULT = 4_096;

    public static final String SHUTDOWN_TIMEOUT_MS_PROP_NAME = "procmesh.shutdownTimeoutMs";
    public static final long SHUTDOWN_TIMEOUT_MS_DEFAULT = 5_000;

    public static final String REGISTRY_MAX_INSTANCES_PROP_NAME = "procmesh.registryMaxInstances";
    public static final int REGISTRY_MAX_INSTANCES_DEFAULT = 1024;

    /**
     * How long an entry whose process is gone (pid dead, or registered in another boot) stays after its last
     * heartbeat before it may be removed. Long enough that a process holding a slot bound to it has moved past
     * the removal check many times over (see docs/architecture.md, the registry's reclamation), and that a crash
     * is seen in status for a while; short enough that a fleet churning clients never fills the registry.
     */
    public static final String REGISTRY_RECLAIM_GRACE_MS_PROP_NAME = "procmesh.registry.reclaimGraceMs";
    public static final long REGISTRY_RECLAIM_GRACE_MS_DEFAULT = 10_000;

    /**
     * The instance's metadata as the registry stores it ({@link io.procmesh.core.registry.InstanceMetadata}): the
     * launcher sets it from the topology's {@code metadata:} map, and it is the default of
     * {@code Procmesh.Context.metadata}.
     */
    public static final String METADATA_PROP_NAME = "procmesh.metadata";
    public static final String METADATA_DEFAULT = "";

    /**
     * A process refuses to start when its data directory's file system has less free space than this: queues
     * and maps are memory-mapped, and a write into a mapped page the file system cannot back fails (SIGBUS, an
     * InternalError in Java) rather than returning an error. 0 turns the check off.
     */
    public static final String MIN_FREE_DISK_MB_PROP_NAME = "procmesh.minFreeDiskMb";
    public static final long MIN_FREE_DISK_MB_DEFAULT = 64;

    public static final String DISCOVERY_REFRESH_MS_PROP_NAME = "procmesh.discoveryRefreshMs";
    public static final long DISCOVERY_REFRESH_MS_DEFAULT = 100;

    public static final String MAX_CALLS_IN_FLIGHT_PROP_NAME = "procmesh.maxCallsInFlight";
    public static final int MAX_CALLS_IN_FLIGHT_DEFAULT = 4_096;

    /**
     * Followed by a service name: that service's load-balancing policy (round-robin, least-outstanding,
     * key-affinity). The launcher passes every child the policies of all services in the topology.
     */
    public static final String LOAD_BALANCING_PROP_PREFIX = "procmesh.loadBalancing.";
    public static final String LOAD_BALANCING_DEFAULT = "least-outstanding";

    /**
     * Followed by a service name: the argument (by name) or argument field ({@code order.userId}) whose value
     * key-affinity hashes.
     */
    public static final String AFFINITY_KEY_PROP_PREFIX = "procmesh.affinityKey.";

    /**
     * Followed by a service name: that service is partitioned into this many partitions (1 to
     * {@value #MAX_PARTITIONS}), and a keyed call goes only to an instance serving the key's partition. The launcher
     * passes every child the counts of all partitioned services in the topology.
     */
    public static final String PARTITIONS_PROP_PREFIX = "procmesh.partitions.";
    public static final int MAX_PARTITIONS = 64;

    /**
     * The partition this instance serves (1 to {@code procmesh.partitions}) and the service's partition count; both
     * unset for an unpartitioned service. The launcher sets them per instance.
     */
    public static final String PARTITION_PROP_NAME = "procmesh.partition";
    public static final String PARTITION_COUNT_PROP_NAME = "procmesh.partitions";

    /**
     * Followed by a service name: the version range ({@code ^1}, {@code ~1.2}, {@code 1.2.3}) of that service's
     * instances this process may call; the launcher passes a service's topology {@code versions:}.
     */
    public static final String VERSION_RANGE_PROP_PREFIX = "procmesh.versionRange.";

    /**
     * Followed by a service name: {@code name=value[,name=value...]} every instance this process calls must carry in
     * its metadata; the launcher passes a service's topology {@code metadataFilters:}.
     */
    public static final String METADATA_FILTER_PROP_PREFIX = "procmesh.metadataFilter.";

    /**
     * Followed by a service name: the circuit breaker settings of calls to that service
     * ({@code failureRate=50,minimumCalls=10,...}, {@code core.breaker.BreakerSettings}); the launcher passes every
     * child a service's topology {@code breaker:}. A service without one gets the defaults.
     */
    public static final String BREAKER_PROP_PREFIX = "procmesh.breaker.";

    public static final String INSTANCE_STALE_MS_PROP_NAME = "procmesh.instanceStaleMs";
    public static final long INSTANCE_STALE_MS_DEFAULT = 1_500;

    /**
     * The phi-accrual detector's threshold (core.registry.PhiAccrual): an UP instance whose heartbeat is this
     * improbably late is suspected, no longer picked by callers, DEGRADED in status. 0 turns it off, leaving only
     * {@link #INSTANCE_STALE_MS_PROP_NAME}. An unparsable value is the default, as for every numeric property here.
     */
    public static final String PHI_THRESHOLD_PROP_NAME = "procmesh.phiThreshold";
    public static final double PHI_THRESHOLD_DEFAULT = 8;

    /**
     * A pause of the heartbeat this long past its mean interval is never suspected on its own.
     */
    public static final String PHI_ACCEPTABLE_PAUSE_MS_PROP_NAME = "procmesh.phiAcceptablePauseMs";
    public static final long PHI_ACCEPTABLE_PAUSE_MS_DEFAULT = 500;

    /**
     * The least standard deviation the detector assumes of heartbeat intervals.
     */
    public static final String PHI_MIN_STD_DEV_MS_PROP_NAME = "procmesh.phiMinStdDevMs";
    public static final long PHI_MIN_STD_DEV_MS_DEFAULT = 100;

    public static final String IDLE_SPINS_PROP_NAME = "procmesh.idleSpins";
    public static final int IDLE_SPINS_DEFAULT = 2_000;

    public static final String IDLE_YIELDS_PROP_NAME = "procmesh.idleYields";
    public static final int IDLE_YIELDS_DEFAULT = 200;

    public static final String IDLE_MAX_PARK_US_PROP_NAME = "procmesh.idleMaxParkUs";
    public static final long IDLE_MAX_PARK_US_DEFAULT = 1_000;

    public static final String DEDUP_WINDOW_PROP_NAME = "procmesh.dedupWindow";
    public static final int DEDUP_WINDOW_DEFAULT = 4_096;

    public static final String MAX_PAYLOAD_BYTES_PROP_NAME = "procmesh.maxPayloadBytes";
    public static final int MAX_PAYLOAD_BYTES_DEFAULT = 1 << 20;

    public static final String QUEUE_LOCK_TIMEOUT_MS_PROP_NAME = "procmesh.queueLockTimeoutMs";
    public static final long QUEUE_LOCK_TIMEOUT_MS_DEFAULT = 250;

    public static final String RETAIN_CYCLES_PROP_NAME = "procmesh.retainCycles";
    public static final int RETAIN_CYCLES_DEFAULT = 1;

    public static final String ROLL_CYCLE_PROP_NAME = "procmesh.rollCycle";
    public static final String ROLL_CYCLE_DEFAULT = "FAST_HOURLY";

    private Configuration()
    {
    }

    public static String dataDir()
    {
        return System.getProperty(DATA_DIR_PROP_NAME, DATA_DIR_DEFAULT);
    }

    /**
     * @return the instance id set by the launcher for a child JVM, or null.
     */
    public static String instanceId()
    {
        return System.getProperty(INSTANCE_ID_PROP_NAME);
    }

    /**
     * @return the service name the launcher gave this JVM, or null.
     */
    public static String serviceName()
    {
        return System.getProperty(SERVICE_NAME_PROP_NAME);
    }

    public static long configPollMs()
    {
        return Long.getLong(CONFIG_POLL_MS_PROP_NAME, CONFIG_POLL_MS_DEFAULT);
    }

    public static long heartbeatIntervalMs()
    {
        return Long.getLong(HEARTBEAT_INTERVAL_MS_PROP_NAME, HEARTBEAT_INTERVAL_MS_DEFAULT);
    }

    public static String idleStrategy()
    {
        return System.getProperty(IDLE_STRATEGY_PROP_NAME, IDLE_STRATEGY_DEFAULT);
    }

    public static String replyIdleStrategy()
    {
        return System.getProperty(REPLY_IDLE_STRATEGY_PROP_NAME, REPLY_IDLE_STRATEGY_DEFAULT);
    }

    public static long defaultDeadlineMs()
    {
        return Long.getLong(DEFAULT_DEADLINE_MS_PROP_NAME, DEFAULT_DEADLINE_MS_DEFAULT);
    }

    public static long deadlineMarginMs()
    {
        return Long.getLong(DEADLINE_MARGIN_MS_PROP_NAME, DEADLINE_MARGIN_MS_DEFAULT);
    }

    public static int maxAsyncReplies()
    {
        return Integer.getInteger(MAX_ASYNC_REPLIES_PROP_NAME, MAX_ASYNC_REPLIES_DEFAULT);
    }

    public static long shutdownTimeoutMs()
    {
        return Long.getLong(SHUTDOWN_TIMEOUT_MS_PROP_NAME, SHUTDOWN_TIMEOUT_MS_DEFAULT);
    }

    public static long minFreeDiskMb()
    {
        return Long.getLong(MIN_FREE_DISK_MB_PROP_NAME, MIN_FREE_DISK_MB_DEFAULT);
    }

    public static boolean serviceStandby()
    {
        return Boolean.getBoolean(SERVICE_STANDBY_PROP_NAME);
    }

    public static int registryMaxInstances()
    {
        return Integer.getInteger(REGISTRY_MAX_INSTANCES_PROP_NAME, REGISTRY_MAX_INSTANCES_DEFAULT);
    }

    public static long discoveryRefreshMs()
    {
        return Long.getLong(DISCOVERY_REFRESH_MS_PROP_NAME, DISCOVERY_REFRESH_MS_DEFAULT);
    }

    public static int maxCallsInFlight()
    {
        return Integer.getInteger(MAX_CALLS_IN_FLIGHT_PROP_NAME, MAX_CALLS_IN_FLIGHT_DEFAULT);
    }

    public static String loadBalancing(final String service)
    {
        return System.getProperty(LOAD_BALANCING_PROP_PREFIX + service, LOAD_BALANCING_DEFAULT);
    }

    /**
     * @return the service's affinity key, or null if none is set.
     */
    public static String affinityKey(final String service)
    {
        return System.getProperty(AFFINITY_KEY_PROP_PREFIX + service);
    }

    /**
     * @return the partition this instance serves, 0 if it is not partitioned.
     */
    public static int partition()
    {
        return Integer.getInteger(PARTITION_PROP_NAME, 0);
    }

    /**
     * @return this instance's service's partition count, 0 if it is not partitioned.
     */
    public static int partitionCount()
    {
        return Integer.getInteger(PARTITION_COUNT_PROP_NAME, 0);
    }

    public static long instanceStaleMs()
    {
        return Long.getLong(INSTANCE_STALE_MS_PROP_NAME, INSTANCE_STALE_MS_DEFAULT);
    }

    public static double phiThreshold()
    {
        final String value = System.getProperty(PHI_THRESHOLD_PROP_NAME);
        try
        {
            return value == null ? PHI_THRESHOLD_DEFAULT : Double.parseDouble(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            return PHI_THRESHOLD_DEFAULT;
        }
    }

    public static long phiAcceptablePauseMs()
    {
        return Math.max(0, Long.getLong(PHI_ACCEPTABLE_PAUSE_MS_PROP_NAME, PHI_ACCEPTABLE_PAUSE_MS_DEFAULT));
    }

    public static long phiMinStdDevMs()
    {
        return Math.max(1, Long.getLong(PHI_MIN_STD_DEV_MS_PROP_NAME, PHI_MIN_STD_DEV_MS_DEFAULT));
    }

    public static long registryReclaimGraceMs()
    {
        return Long.getLong(REGISTRY_RECLAIM_GRACE_MS_PROP_NAME, REGISTRY_RECLAIM_GRACE_MS_DEFAULT);
    }

    public static String metadata()
    {
        return System.getProperty(METADATA_PROP_NAME, METADATA_DEFAULT);
    }

    public static int idleSpins()
    {
        return Integer.getInteger(IDLE_SPINS_PROP_NAME, IDLE_SPINS_DEFAULT);
    }

    public static int idleYields()
    {
        return Integer.getInteger(IDLE_YIELDS_PROP_NAME, IDLE_YIELDS_DEFAULT);
    }

    public static long idleMaxParkUs()
    {
        return Long.getLong(IDLE_MAX_PARK_US_PROP_NAME, IDLE_MAX_PARK_US_DEFAULT);
    }

    public static int dedupWindow()
    {
        return Integer.getInteger(DEDUP_WINDOW_PROP_NAME, DEDUP_WINDOW_DEFAULT);
    }

    public static int maxPayloadBytes()
    {
        return Integer.getInteger(MAX_PAYLOAD_BYTES_PROP_NAME, MAX_PAYLOAD_BYTES_DEFAULT);
    }

    public static long queueLockTimeoutMs()
    {
        return Long.getLong(QUEUE_LOCK_TIMEOUT_MS_PROP_NAME, QUEUE_LOCK_TIMEOUT_MS_DEFAULT);
    }

    public static int retainCycles()
    {
        return Integer.getInteger(RETAIN_CYCLES_PROP_NAME, RETAIN_CYCLES_DEFAULT);
    }

    public static String rollCycle()
    {
        return System.getProperty(ROLL_CYCLE_PROP_NAME, ROLL_CYCLE_DEFAULT);
    }
}
