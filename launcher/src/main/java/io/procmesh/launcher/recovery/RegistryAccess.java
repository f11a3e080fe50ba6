package io.procmesh.launcher.recovery;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.Registry;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.process.AdoptedChild;
import io.procmesh.launcher.process.GracefulStop;
import io.procmesh.launcher.process.InstanceProcesses;
import io.procmesh.launcher.state.LauncherState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Opens the shared registry for the launcher and its commands. A process killed while holding a segment lock
 * wedges the map: every reader of that segment would block for 60 s. The launcher probes for that without
 * blocking and recovers the map before anything uses it, killing first whatever an earlier launcher left running
 * on it (those instances would block on the lock too; the supervisor starts them again).
 */
public final class RegistryAccess
{
    /**
     * How long a segment lock may be held before the map counts as wedged; register and deregister hold it
     * for microseconds.
     */
    public static final long WEDGE_PROBE_MS = 1_000;
    /**
     * At `up`, nothing else is waiting on the launcher: probe again as soon as a probe failed.
     */
    private static final long PROBE_AGAIN_MS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(RegistryAccess.class);

    private RegistryAccess()
    {
    }

    /**
     * @param previous what the last launcher left: its instances still running are killed before a recovery.
     * @throws LauncherException if the registry cannot be opened or recovered.
     */
    public static RecoverableRegistry openForLauncher(
        final DataDirectory dataDirectory, final int maxInstances, final Optional<LauncherState> previous)
    {
        final Registry registry = open(dataDirectory, maxInstances);
        if (!isWedged(registry, dataDirectory.registryFile()))
        {
            return new RecoverableRegistry(dataDirectory, maxInstances, registry);
        }
        registry.close();
        final List<GracefulStop.Target> running = runningInstances(dataDirectory, previous);
        if (running.isEmpty())
        {
            LOG.warn("registry {} is wedged (a process died holding a lock) and nothing runs: recovering it",
                dataDirectory.registryFile());
        }
        else
        {
            LOG.warn("registry {} is wedged (a process died holding a lock): killing the {} instances an earlier " +
                "launcher left running on it, then recovering it", dataDirectory.registryFile(), running.size());
            final List<String> survivors = GracefulStop.kill(running);
            if (!survivors.isEmpty())
            {
                throw new LauncherException(ExitCodes.FAILURE, "the registry " + dataDirectory.registryFile() +
                    " is wedged and " + survivors + " survived SIGKILL; it cannot be recovered while they run");
            }
        }
        try
        {
            return new RecoverableRegistry(dataDirectory, maxInstances,
                Registry.recover(dataDirectory.registryFile(), maxInstances));
        }
        catch (final UncheckedIOException ex)
        {
            throw new LauncherException(ExitCodes.FAILURE, ex.getMessage(), ex);
        }
    }

    /**
     * Decides as the supervisor's watchdog does, probing back to back: wedged after two failed probes in a row,
     * unless a process that maps the file is stopped and may be the holder (then it waits for it, up to
     * {@link RegistryWatchdog#MAX_WAIT_FOR_STOPPED_NS}). Recovering under a live holder would rewrite the locks of
     * a map still in use.
     */
    private static boolean isWedged(final Registry registry, final Path file)
    {
        final long intervalNs = TimeUnit.MILLISECONDS.toNanos(PROBE_AGAIN_MS);
        final RegistryWatchdog watchdog = new RegistryWatchdog(registry::isResponsive,
            () -> RegistryMappers.stopped(file), PROBE_AGAIN_MS, WEDGE_PROBE_MS, System.nanoTime() - intervalNs);
        boolean wedged;
        do
        {
            wedged = watchdog.isWedged(System.nanoTime());
        }
        while (!wedged && watchdog.failedProbes() > 0);
        return wedged;
    }

    /**
     * Opens the registry for a command that only reads it.
     *
     * @return the registry, or empty if it is wedged (the caller then works from the launcher's state file).
     */
    public static Optional<Registry> openIfResponsive(final DataDirectory dataDirectory, final int maxInstances)
    {
        final Registry registry = open(dataDirectory, maxInstances);
        if (registry.isResponsive(WEDGE_PROBE_MS))
        {
            return Optional.of(registry);
        }
        registry.close();
        return Optional.empty();
    }

    private static Registry open(final DataDirectory dataDirectory, final int maxInstances)
    {
        try
        {
            return Registry.open(dataDirectory.registryFile(), maxInstances);
        }
        catch (final UncheckedIOException ex)
        {
            throw new LauncherException(ExitCodes.FAILURE, ex.getMessage(), ex);
        }
    }

    /**
     * What the last launcher left running: the instances its state names and, through /proc, any it spawned too
     * late to name anywhere.
     */
    private static List<GracefulStop.Target> runningInstances(
        final DataDirectory dataDirectory, final Optional<LauncherState> previous)
    {
        final Map<Long, GracefulStop.Target> running = new LinkedHashMap<>();
        final Set<String> instanceIds = new HashSet<>();
        for (final LauncherState.Instance instance : previous.map(LauncherState::instances).orElse(List.of()))
        {
            instanceIds.add(instance.instanceId());
            InstanceProcesses.find(instance.pid(), instance.instanceId(), dataDirectory.root()).ifPresent(
                process -> running.put(process.pid(),
                    new GracefulStop.Target(instance.instanceId(), new AdoptedChild(process))));
        }
        for (final InstanceProcesses.Found found : InstanceProcesses.scan(dataDirectory.root()))
        {
            // Only the last launcher's instances: a process it did not start is not ours to kill here.
            if (instanceIds.contains(found.instanceId()))
            {
                running.putIfAbsent(found.process().pid(),
                    new GracefulStop.Target(found.instanceId(), new AdoptedChild(found.process())));
            }
        }
        return new ArrayList<>(running.values());
    }
}
