package io.procmesh.launcher;

import java.nio.file.Path;

/**
 * Every default the launcher uses, with the system property that overrides it. A topology file wins over these;
 * these win over the built-in values. All names share the {@code procmesh.} prefix and carry their unit.
 */
public final class LauncherConfiguration
{
    public static final String HEALTH_CHECK_INTERVAL_MS_PROP_NAME = "procmesh.healthCheckIntervalMs";
    public static final long HEALTH_CHECK_INTERVAL_MS_DEFAULT = 100;

    public static final String SHUTDOWN_GRACE_MS_PROP_NAME = "procmesh.shutdownGraceMs";
    public static final long SHUTDOWN_GRACE_MS_DEFAULT = 10_000;

    /**
     * 40 heartbeats at the default 50 ms interval: long enough to ride out a GC pause or a starved core,
     * short enough that a frozen instance is replaced within seconds.
     */
    public static final String HEARTBEAT_TIMEOUT_MS_PROP_NAME = "procmesh.heartbeatTimeoutMs";
    public static final long HEARTBEAT_TIMEOUT_MS_DEFAULT = 2_000;

    public static final String STUCK_AFTER_MS_PROP_NAME = "procmesh.stuckAfterMs";
    public static final long STUCK_AFTER_MS_DEFAULT = 5_000;

    /**
     * Generous: a JVM with Chronicle takes 1 to 3 s to start on a busy 2-core machine.
     */
    public static final String START_TIMEOUT_MS_PROP_NAME = "procmesh.startTimeoutMs";
    public static final long START_TIMEOUT_MS_DEFAULT = 30_000;

    /**
     * A service's {@code maxInstances} when the topology gives none: max(instances, this). Every instance is a JVM
     * (100 MB and more) on this one host, so a mistyped `procmesh scale user 80` must not fork 80 of them; 8 still
     * lets a typical 1 to 4 instance service double or more. The topology raises it per service, up to 64.
     */
    public static final int MAX_INSTANCES_DEFAULT = 8;

    /**
     * How long `procmesh scale` lets an instance it removes finish what it holds (DRAINING: callers no longer pick
     * it, its inbox empties) before it sends SIGTERM, after which the topology's shutdownGraceMs applies as in any
     * stop.
     */
    public static final String DRAIN_TIMEOUT_MS_PROP_NAME = "procmesh.drainTimeoutMs";
    public static final long DRAIN_TIMEOUT_MS_DEFAULT = 10_000;

    /**
     * How long `procmesh rollout` watches each new instance, serving beside the old one, before it drains the old:
     * a crash or an error rate above {@link #ROLLOUT_MAX_ERROR_RATE_PROP_NAME} within it rolls the rollout back.
     * Long enough for a few hundred calls under load, short enough that a 4-instance rollout takes under a minute.
     */
    public static final String ROLLOUT_SOAK_MS_PROP_NAME = "procmesh.rolloutSoakMs";
    public static final long ROLLOUT_SOAK_MS_DEFAULT = 5_000;

    /**
     * The share of calls a new instance may fail (its slot's errors over its requests in) during the soak: above
     * it the rollout rolls back. 0.01 tolerates a caller's bad arguments now and then, not a broken release.
     */
    public static final String ROLLOUT_MAX_ERROR_RATE_PROP_NAME = "procmesh.rolloutMaxErrorRate";
    public static final double ROLLOUT_MAX_ERROR_RATE_DEFAULT = 0.01;

    public static final String INITIAL_BACKOFF_MS_PROP_NAME = "procmesh.initialBackoffMs";
    public static final long INITIAL_BACKOFF_MS_DEFAULT = 100;

    public static final String MAX_BACKOFF_MS_PROP_NAME = "procmesh.maxBackoffMs";
    public static final long MAX_BACKOFF_MS_DEFAULT = 5_000;

    public static final String STABLE_AFTER_MS_PROP_NAME = "procmesh.stableAfterMs";
    public static final long STABLE_AFTER_MS_DEFAULT = 10_000;

    public static final String MAX_RESTARTS_PROP_NAME = "procmesh.maxRestarts";
    public static final int MAX_RESTARTS_DEFAULT = 5;

    public static final String RESTART_WINDOW_SECONDS_PROP_NAME = "procmesh.restartWindowSeconds";
    public static final int RESTART_WINDOW_SECONDS_DEFAULT = 60;

    /**
     * Children run in their own session (through setsid) so a Ctrl-C in the launcher's terminal reaches only the
     * launcher, which then stops them in reverse dependency order.
     */
    public static final String DETACH_CHILDREN_PROP_NAME = "procmesh.detachChildren";
    public static final boolean DETACH_CHILDREN_DEFAULT = true;

    public static final String SETSID_PATH_PROP_NAME = "procmesh.setsidPath";
    public static final String SETSID_PATH_DEFAULT = "/usr/bin/setsid";

    /**
     * How often the supervising launcher probes the registry for a segment lock a dead process left taken; two
     * failed probes in a row (each waits 1 s) make it recover the map. 0 turns the probe off.
     */
    public static final String REGISTRY_PROBE_INTERVAL_MS_PROP_NAME = "procmesh.registryProbeIntervalMs";
    public static final long REGISTRY_PROBE_INTERVAL_MS_DEFAULT = 1_000;

    /**
     * How often the launcher removes the registry entries of instances gone for good (exited clients, instances it
     * no longer supervises) once past procmesh.registry.reclaimGraceMs; 0 leaves it to a full registry.
     */
    public static final String REGISTRY_RECLAIM_INTERVAL_MS_PROP_NAME = "procmesh.registryReclaimIntervalMs";
    public static final long REGISTRY_RECLAIM_INTERVAL_MS_DEFAULT = 1_000;

    /**
     * Child JVMs map a class-data-sharing archive the launcher makes once per data directory, Java and class path
     * (launcher/cds/): class loading is most of a service's start-up, and this roughly halved it here.
     */
    public static final String CLASS_DATA_SHARING_PROP_NAME = "procmesh.classDataSharing";
    public static final boolean CLASS_DATA_SHARING_DEFAULT = true;

    /**
     * Where each running launcher records itself ({@code launchers/<pid>.json}), so that `status`, `logs` and the
     * other verbs find its data directory without {@code --data-dir}. Per user: {@code $XDG_RUNTIME_DIR/procmesh}
     * when that is set, else {@code ~/.procmesh}.
     */
    public static final String RUNTIME_DIR_PROP_NAME = "procmesh.runtimeDir";

    private LauncherConfiguration()
    {
    }

    public static Path runtimeDir()
    {
        final String configured = System.getProperty(RUNTIME_DIR_PROP_NAME);
        if (configured != null && !configured.isBlank())
        {
            return Path.of(configured);
        }
        final String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank())
        {
            return Path.of(xdg, "procmesh");
        }
        return Path.of(System.getProperty("user.home"), ".procmesh");
    }

    public static long healthCheckIntervalMs()
    {
        return Long.getLong(HEALTH_CHECK_INTERVAL_MS_PROP_NAME, HEALTH_CHECK_INTERVAL_MS_DEFAULT);
    }

    public static long shutdownGraceMs()
    {
        return Long.getLong(SHUTDOWN_GRACE_MS_PROP_NAME, SHUTDOWN_GRACE_MS_DEFAULT);
    }

    public static long heartbeatTimeoutMs()
    {
        return Long.getLong(HEARTBEAT_TIMEOUT_MS_PROP_NAME, HEARTBEAT_TIMEOUT_MS_DEFAULT);
    }

    public static long stuckAfterMs()
    {
        return Long.getLong(STUCK_AFTER_MS_PROP_NAME, STUCK_AFTER_MS_DEFAULT);
    }

    public static long startTimeoutMs()
    {
        return Long.getLong(START_TIMEOUT_MS_PROP_NAME, START_TIMEOUT_MS_DEFAULT);
    }

    /**
     * Below this many MiB free in the data directory's file system the launcher fires DiskSpaceLow; 0: no check.
     */
    public static final String ALERT_FREE_DISK_MB_PROP_NAME = "procmesh.alertFreeDiskMb";
    public static final long ALERT_FREE_DISK_MB_DEFAULT = 512;

    public static long alertFreeDiskMb()
    {
        return Long.getLong(ALERT_FREE_DISK_MB_PROP_NAME, ALERT_FREE_DISK_MB_DEFAULT);
    }

    public static long drainTimeoutMs()
    {
        return Long.getLong(DRAIN_TIMEOUT_MS_PROP_NAME, DRAIN_TIMEOUT_MS_DEFAULT);
    }

    public static long rolloutSoakMs()
    {
        return Long.getLong(ROLLOUT_SOAK_MS_PROP_NAME, ROLLOUT_SOAK_MS_DEFAULT);
    }

    public static double rolloutMaxErrorRate()
    {
        final String value = System.getProperty(ROLLOUT_MAX_ERROR_RATE_PROP_NAME);
        return value == null ? ROLLOUT_MAX_ERROR_RATE_DEFAULT : Double.parseDouble(value);
    }

    public static long initialBackoffMs()
    {
        return Long.getLong(INITIAL_BACKOFF_MS_PROP_NAME, INITIAL_BACKOFF_MS_DEFAULT);
    }

    public static long maxBackoffMs()
    {
        return Long.getLong(MAX_BACKOFF_MS_PROP_NAME, MAX_BACKOFF_MS_DEFAULT);
    }

    public static long stableAfterMs()
    {
        return Long.getLong(STABLE_AFTER_MS_PROP_NAME, STABLE_AFTER_MS_DEFAULT);
    }

    public static int maxRestarts()
    {
        return Integer.getInteger(MAX_RESTARTS_PROP_NAME, MAX_RESTARTS_DEFAULT);
    }

    public static int restartWindowSeconds()
    {
        return Integer.getInteger(RESTART_WINDOW_SECONDS_PROP_NAME, RESTART_WINDOW_SECONDS_DEFAULT);
    }

    public static boolean detachChildren()
    {
        return Boolean.parseBoolean(System.getProperty(DETACH_CHILDREN_PROP_NAME,
            Boolean.toString(DETACH_CHILDREN_DEFAULT)));
    }

    public static String setsidPath()
    {
        return System.getProperty(SETSID_PATH_PROP_NAME, SETSID_PATH_DEFAULT);
    }

    public static long registryProbeIntervalMs()
    {
        return Long.getLong(REGISTRY_PROBE_INTERVAL_MS_PROP_NAME, REGISTRY_PROBE_INTERVAL_MS_DEFAULT);
    }

    public static long registryReclaimIntervalMs()
    {
        return Long.getLong(REGISTRY_RECLAIM_INTERVAL_MS_PROP_NAME, REGISTRY_RECLAIM_INTERVAL_MS_DEFAULT);
    }

    public static boolean classDataSharing()
    {
        return Boolean.parseBoolean(System.getProperty(CLASS_DATA_SHARING_PROP_NAME,
            Boolean.toString(CLASS_DATA_SHARING_DEFAULT)));
    }
}
