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
     * The launcher's system properties for a child it starts (docs/configuration.md, "Set by the launcher"): the
     * topology's name of the service (every child), and for a service given by {@code implementation:} its api,
     * implementation and version; the JSON file of its {@code config:} block and the live-config overlay beside the
     * topology (which may not exist yet).
     */
    public static final String SERVICE_NAME_PROP_NAME = "procmesh.serviceName";
    public static final String SERVICE_API_PROP_NAME = "procmesh.service.api";
    public static final String SERVICE_IMPLEMENTATION_PROP_NAME = "procmesh.service.implementation";
    public static final String SERVICE_VERSION_PROP_NAME = "procmesh.service.version";
    public static final String SERVICE_CONFIG_FILE_PROP_NAME = "procmesh.service.configFile";
    public static final String SERVICE_CONFIG_OVERLAY_PROP_NAME = "procmesh.service.configOverlay";

    public static final String HEARTBEAT_INTERVAL_MS_PROP_NAME = "procmesh.heartbeatIntervalMs";
    public static final long HEARTBEAT_INTERVAL_MS_DEFAULT = 50;

    public static final String IDLE_STRATEGY_PROP_NAME = "procmesh.idleStrategy";
    public static final String IDLE_STRATEGY_DEFAULT = "backoff";

    public static final String REPLY_IDLE_STRATEGY_PROP_NAME = "procmesh.replyIdleStrategy";
    public static final String REPLY_IDLE_STRATEGY_DEFAULT = "backoff";

    public static final String DEFAULT_DEADLINE_MS_PROP_NAME = "procmesh.defaultDeadlineMs";
    public static final long DEFAULT_DEADLINE_MS_DEFAULT = 2_000;

    public static final String SHUTDOWN_TIMEOUT_MS_PROP_NAME = "procmesh.shutdownTimeoutMs";
    public static final long SHUTDOWN_TIMEOUT_MS_DEFAULT = 5_000;

    public static final String REGISTRY_MAX_INSTANCES_PROP_NAME = "procmesh.registryMaxInstances";
    public static final int REGISTRY_MAX_INSTANCES_DEFAULT = 1024;

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

    public static final String INSTANCE_STALE_MS_PROP_NAME = "procmesh.instanceStaleMs";
    public static final long INSTANCE_STALE_MS_DEFAULT = 1_500;

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

    public static long shutdownTimeoutMs()
    {
        return Long.getLong(SHUTDOWN_TIMEOUT_MS_PROP_NAME, SHUTDOWN_TIMEOUT_MS_DEFAULT);
    }

    public static long minFreeDiskMb()
    {
        return Long.getLong(MIN_FREE_DISK_MB_PROP_NAME, MIN_FREE_DISK_MB_DEFAULT);
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

    public static long instanceStaleMs()
    {
        return Long.getLong(INSTANCE_STALE_MS_PROP_NAME, INSTANCE_STALE_MS_DEFAULT);
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
