package io.procmesh.launcher.supervisor;

import io.procmesh.core.registry.Registry;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.alert.AlertSink;
import io.procmesh.launcher.alert.Alerts;
import io.procmesh.launcher.process.GracefulStop;
import io.procmesh.launcher.recovery.RecoverableRegistry;
import io.procmesh.launcher.recovery.RegistryAccess;
import io.procmesh.launcher.recovery.RegistryMappers;
import io.procmesh.launcher.recovery.RegistryWatchdog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the supervisor does about a wedged registry: a process died holding one of the map's segment locks, which
 * blocks every process. Once the {@link RegistryWatchdog} calls it wedged, every instance is killed, the map is
 * recovered in place and every instance starts again; the time from detection to all UP is logged. Only the
 * supervisor thread calls in.
 */
final class WedgeRecovery
{
    private static final Logger LOG = LoggerFactory.getLogger(WedgeRecovery.class);

    private final AlertSink alerts;
    private final RecoverableRegistry registry;
    private final List<SupervisedInstance> instances;
    private final Runnable publishState;
    private final RegistryWatchdog watchdog;
    private int recoveries;
    private long wedgeDetectedNs;
    private boolean awaitingUp;

    WedgeRecovery(
        final RecoverableRegistry registry,
        final List<SupervisedInstance> instances,
        final long probeIntervalMs,
        final Runnable publishState,
        final AlertSink alerts)
    {
        this.alerts = alerts;
        this.registry = registry;
        this.instances = instances;
        this.publishState = publishState;
        final Path registryFile = Path.of(registry.file());
        this.watchdog = new RegistryWatchdog(registry::isResponsive, () -> RegistryMappers.stopped(registryFile),
            probeIntervalMs, RegistryAccess.WEDGE_PROBE_MS, System.nanoTime());
    }

    void recoverIfWedged(final long nowNs)
    {
        if (watchdog.isWedged(nowNs))
        {
            recover(System.nanoTime());
        }
    }

    /**
     * Kills every instance rather than stopping it gracefully: a stop hook that touches the wedged segment would
     * stall for Chronicle's 60 s lock timeout, and every service is built to lose nothing acknowledged to kill -9.
     */
    private void recover(final long detectedNs)
    {
        recoveries++;
        wedgeDetectedNs = detectedNs;
        awaitingUp = true;
        LOG.warn("registry {} is wedged: a segment lock stayed taken through {} probes of {} ms (a process died " +
            "holding it); recovery #{}: killing every instance, recovering the map, starting them again",
            registry.file(), RegistryWatchdog.FAILED_PROBES_TO_WEDGE, RegistryAccess.WEDGE_PROBE_MS, recoveries);
        final List<GracefulStop.Target> running = new ArrayList<>();
        for (final SupervisedInstance instance : instances)
        {
            // A standby maps the registry too: none may outlive the recovery.
            instance.standby().stop();
            if (instance.process().child() != null)
            {
                running.add(new GracefulStop.Target(instance.instanceId(), instance.process().child()));
            }
        }
        final List<String> survivors = GracefulStop.kill(running);
        if (!survivors.isEmpty())
        {
            throw new LauncherException(ExitCodes.FAILURE, "registry " + registry.file() + " is wedged " +
                "and " + survivors + " survived SIGKILL, so it cannot be recovered safely");
        }
        final long nowNs = System.nanoTime();
        for (final SupervisedInstance instance : instances)
        {
            // Lets go of the killed process and of the old mapping, which is about to be closed.
            instance.process().exited(nowNs);
            instance.health().detach();
            instance.startAgainAt(Long.MAX_VALUE, "registry wedged: recovering it", nowNs);
        }
        publishState.run();
        final Registry recovered;
        try
        {
            recovered = registry.recover();
        }
        catch (final RuntimeException ex)
        {
            throw new LauncherException(ExitCodes.FAILURE, "registry " + registry.file() +
                " is wedged and its recovery failed: " + ex.getMessage(), ex);
        }
        final long recoveredNs = System.nanoTime();
        LOG.warn("registry {} recovered in {} ms ({} entries kept); starting every instance again",
            registry.file(), TimeUnit.NANOSECONDS.toMillis(recoveredNs - detectedNs), recovered.snapshot().size());
        for (final SupervisedInstance instance : instances)
        {
            // Not a failure of the instance, so not counted against its restart intensity.
            instance.health().rebind(recovered);
            instance.startAgainAt(recoveredNs, "registry recovered: restarting", recoveredNs);
        }
        watchdog.recovered(recoveredNs);
    }

    /**
     * Logs, once after a recovery, how long it took until every instance was settled.
     */
    void reportOnceSettled(final long nowNs, final boolean settled, final long upCount)
    {
        if (awaitingUp && settled)
        {
            awaitingUp = false;
            LOG.warn("registry recovery #{} complete: {} of {} instances UP {} ms after the wedge was detected",
                recoveries, upCount, instances.size(), TimeUnit.NANOSECONDS.toMillis(nowNs - wedgeDetectedNs));
            alerts.once(Alerts.REGISTRY_RECOVERED, Alerts.WARNING, "", "registry " + registry.file() +
                " was wedged by a process that died holding a lock, and recovered (#" + recoveries + "): every " +
                "instance was restarted; " + upCount + " of " + instances.size() + " UP " +
                TimeUnit.NANOSECONDS.toMillis(nowNs - wedgeDetectedNs) + " ms after the wedge was detected");
        }
    }

    int recoveries()
    {
        return recoveries;
    }
}
