package io.procmesh.launcher.cli;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.Registry;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherConfiguration;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.process.AdoptedChild;
import io.procmesh.launcher.process.GracefulStop;
import io.procmesh.launcher.process.InstanceProcesses;
import io.procmesh.launcher.recovery.RegistryAccess;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.state.LauncherStateFile;
import io.procmesh.launcher.state.RunningLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

@Command(name = "down", mixinStandardHelpOptions = true,
    description = {
        "Stop the launcher and every instance.",
        "The running launcher gets SIGTERM and stops every instance in reverse dependency order (SIGTERM,",
        "then SIGKILL after shutdownGraceMs). Instances still running without a launcher (it was killed)",
        "are stopped the same way, found through the registry, the launcher's files and /proc; only",
        "processes whose command line names an instance and this data directory are ever signalled."})
final class DownCommand implements Callable<Integer>
{
    private static final long LAUNCHER_STOP_MARGIN_MS = 10_000;

    @Mixin
    private TopologyOptions options;

    @Override
    public Integer call() throws IOException
    {
        final DataDirectory dataDirectory = options.runningDataDirectory();
        if (!Files.isDirectory(dataDirectory.root()))
        {
            System.out.println("procmesh: nothing to stop: " + dataDirectory.root() + " does not exist");
            return ExitCodes.OK;
        }
        final LauncherFiles files = new LauncherFiles(dataDirectory);
        final Optional<LauncherState> state = readState(files);
        final long graceMs = state.map(LauncherState::shutdownGraceMs).orElse(LauncherConfiguration.shutdownGraceMs());

        final Optional<ProcessHandle> launcher = RunningLauncher.find(files);
        if (launcher.isPresent())
        {
            stopLauncher(launcher.get(), GracefulStop.maxStopMs(graceMs) + LAUNCHER_STOP_MARGIN_MS);
        }

        final List<List<GracefulStop.Target>> leftovers = leftovers(dataDirectory, state);
        final int count = leftovers.stream().mapToInt(List::size).sum();
        if (count > 0)
        {
            System.out.println("procmesh: stopping " + count + " instance(s) running without a launcher");
            final List<String> survivors = GracefulStop.stop(leftovers, graceMs);
            if (!survivors.isEmpty())
            {
                throw new LauncherException(ExitCodes.FAILURE, "could not stop " + survivors);
            }
        }
        System.out.println(launcher.isPresent() || count > 0 ?
            "procmesh: down: nothing left running in " + dataDirectory.root() :
            "procmesh: nothing was running in " + dataDirectory.root());
        return ExitCodes.OK;
    }

    /**
     * A state file torn by a host crash must not stop `down` from stopping anything: the instances are then found
     * through the registry and /proc, in no particular order.
     */
    private static Optional<LauncherState> readState(final LauncherFiles files)
    {
        try
        {
            return new LauncherStateFile(files.stateFile()).read();
        }
        catch (final IOException ex)
        {
            System.out.println("procmesh: cannot read " + files.stateFile() + " (" + ex.getMessage() +
                "); stopping what the registry and /proc name");
            return Optional.empty();
        }
    }

    private static void stopLauncher(final ProcessHandle launcher, final long timeoutMs)
    {
        System.out.println("procmesh: stopping launcher pid " + launcher.pid() +
            " (it stops every instance in reverse dependency order)");
        launcher.destroy();
        if (!awaitExit(launcher, timeoutMs))
        {
            System.out.println("procmesh: launcher pid " + launcher.pid() + " did not stop within " + timeoutMs +
                " ms: SIGKILL; its instances are stopped below");
            launcher.destroyForcibly();
            awaitExit(launcher, LAUNCHER_STOP_MARGIN_MS);
        }
    }

    private static boolean awaitExit(final ProcessHandle process, final long timeoutMs)
    {
        try
        {
            process.onExit().get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        }
        catch (final TimeoutException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
        catch (final ExecutionException ex)
        {
            throw new LauncherException(ExitCodes.FAILURE, "cannot wait for pid " + process.pid() + ": " +
                ex.getCause(), ex);
        }
    }

    /**
     * @return live instances listed in the registry or the last launcher's state, or found in /proc (one spawned
     * just before its launcher was killed may be named nowhere else), in stop order (services the last launcher
     * did not know first). Only pids whose command line names the instance and this data directory are included.
     */
    private static List<List<GracefulStop.Target>> leftovers(
        final DataDirectory dataDirectory, final Optional<LauncherState> state)
    {
        final Map<Long, InstanceRef> candidates = new LinkedHashMap<>();
        for (final LauncherState.Instance instance : state.map(LauncherState::instances).orElse(List.of()))
        {
            candidates.put(instance.pid(), new InstanceRef(instance.instanceId(), instance.service()));
        }
        if (Files.exists(dataDirectory.registryFile()))
        {
            final Optional<Registry> registry =
                RegistryAccess.openIfResponsive(dataDirectory, Configuration.registryMaxInstances());
            if (registry.isEmpty())
            {
                System.out.println("procmesh: the registry is wedged; stopping the instances the launcher knew of");
            }
            else
            {
                try (Registry open = registry.get())
                {
                    for (final InstanceSnapshot snapshot : open.snapshot())
                    {
                        candidates.put(snapshot.pid(), new InstanceRef(snapshot.instanceId(), snapshot.service()));
                    }
                }
            }
        }

        final List<List<String>> stopLayers = state.map(LauncherState::stopLayers).orElse(List.of());
        final List<List<GracefulStop.Target>> groups = new ArrayList<>();
        for (int i = 0; i <= stopLayers.size(); i++)
        {
            groups.add(new ArrayList<>());
        }
        final Map<String, String> services = new HashMap<>();
        final Set<Long> found = new HashSet<>();
        for (final Map.Entry<Long, InstanceRef> candidate : candidates.entrySet())
        {
            final InstanceRef instance = candidate.getValue();
            services.put(instance.instanceId(), instance.service());
            final Optional<ProcessHandle> process =
                InstanceProcesses.find(candidate.getKey(), instance.instanceId(), dataDirectory.root());
            if (process.isPresent())
            {
                groups.get(layerOf(instance.service(), stopLayers)).add(
                    new GracefulStop.Target(instance.instanceId(), new AdoptedChild(process.get())));
                found.add(candidate.getKey());
            }
        }
        for (final InstanceProcesses.Found process : InstanceProcesses.scan(dataDirectory.root()))
        {
            if (found.add(process.process().pid()))
            {
                final String service = services.get(process.instanceId());
                groups.get(service == null ? 0 : layerOf(service, stopLayers)).add(
                    new GracefulStop.Target(process.instanceId(), new AdoptedChild(process.process())));
            }
        }
        return groups;
    }

    private static int layerOf(final String service, final List<List<String>> stopLayers)
    {
        for (int i = 0; i < stopLayers.size(); i++)
        {
            if (stopLayers.get(i).contains(service))
            {
                return i + 1;
            }
        }
        return 0;
    }

    private record InstanceRef(String instanceId, String service)
    {
    }
}
