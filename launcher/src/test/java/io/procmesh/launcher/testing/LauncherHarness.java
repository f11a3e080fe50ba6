package io.procmesh.launcher.testing;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.LauncherConfiguration;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.cli.LauncherMain;
import io.procmesh.launcher.process.InstanceProcesses;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.state.LauncherStateFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A launcher under test: its own data directory under target/, a topology file, the launcher and every CLI
 * command as real JVMs. close() kills, by pid, every JVM it started and every instance pid it ever saw whose
 * command line still names that instance and this data directory, and any other process whose command line names
 * an instance of this data directory, whatever the test's outcome.
 */
public final class LauncherHarness implements AutoCloseable
{
    public static final Duration LAUNCHER_HARD_TIMEOUT = Duration.ofMinutes(4);
    public static final Duration CLI_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final Path dataDir;
    private final Path topology;
    private final Path runtimeDir;
    private final LauncherStateFile stateFile;
    private final List<ChildJvm> jvms = new ArrayList<>();
    private final Map<Long, String> seenPids = new LinkedHashMap<>();
    private final AtomicInteger commands = new AtomicInteger();

    private LauncherHarness(final Path directory, final Function<Path, String> topologyForDataDir)
    {
        this.directory = directory;
        this.dataDir = directory.resolve("data");
        this.topology = directory.resolve("topology.yaml");
        this.runtimeDir = directory.resolve("runtime");
        this.stateFile = new LauncherStateFile(new LauncherFiles(new DataDirectory(dataDir)).stateFile());
        try
        {
            Files.writeString(topology, topologyForDataDir.apply(dataDir), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public static LauncherHarness create(final String name, final String topologyYaml)
    {
        return new LauncherHarness(TestDirectories.create(name), dataDir -> topologyYaml);
    }

    /**
     * @param topologyForDataDir the topology, for services that need the data directory's path in their args.
     */
    public static LauncherHarness create(final String name, final Function<Path, String> topologyForDataDir)
    {
        return new LauncherHarness(TestDirectories.create(name), topologyForDataDir);
    }

    public Path directory()
    {
        return directory;
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public Path topology()
    {
        return topology;
    }

    /**
     * @return the runtime directory the harness's launchers record themselves in and its commands look in (not the
     * user's, so parallel test runs never see each other's launchers).
     */
    public Path runtimeDir()
    {
        return runtimeDir;
    }

    private List<String> jvmOptions(final List<String> extra)
    {
        final List<String> options = new ArrayList<>();
        options.add("-D" + LauncherConfiguration.RUNTIME_DIR_PROP_NAME + "=" + runtimeDir);
        options.addAll(extra);
        return options;
    }

    /**
     * Starts `procmesh up --config topology --data-dir data` as its own JVM; its output goes to logName.
     */
    public ChildJvm startLauncher(final String logName)
    {
        return startLauncher(logName, LAUNCHER_HARD_TIMEOUT);
    }

    /**
     * As {@link #startLauncher(String)}, with a hard time limit for runs longer than the default one.
     */
    public ChildJvm startLauncher(final String logName, final Duration hardTimeout)
    {
        return startLauncher(logName, hardTimeout, List.of());
    }

    /**
     * As {@link #startLauncher(String, Duration)}, with system properties for the launcher's own JVM, e.g. a short
     * {@code procmesh.registry.reclaimGraceMs}.
     */
    public ChildJvm startLauncher(final String logName, final Duration hardTimeout, final List<String> jvmOptions)
    {
        final ChildJvm launcher = ChildJvm.start(LauncherMain.class, directory.resolve(logName),
            hardTimeout, jvmOptions(jvmOptions), "up", "--config", topology.toString(), "--data-dir",
            dataDir.toString());
        jvms.add(launcher);
        return launcher;
    }

    /**
     * Runs one `procmesh` command to completion as its own JVM.
     */
    public CliResult cli(final String... args)
    {
        return cli(List.of(), args);
    }

    /**
     * Runs one `procmesh` command to completion as its own JVM, with extra JVM options.
     */
    public CliResult cli(final List<String> jvmOptions, final String... args)
    {
        final String name = "cli-" + commands.incrementAndGet() + "-" + (args.length > 0 ? args[0] : "none") + ".log";
        try (ChildJvm command = ChildJvm.start(LauncherMain.class, directory.resolve(name), CLI_TIMEOUT,
            jvmOptions(jvmOptions), args))
        {
            final int exitCode = command.waitForExit(CLI_TIMEOUT);
            return new CliResult(exitCode, command.logText());
        }
    }

    /**
     * Starts a `procmesh` command that keeps running (e.g. `logs -f`); close() kills it by pid if the test has not.
     */
    public ChildJvm startCli(final String logName, final String... args)
    {
        final ChildJvm command = ChildJvm.start(LauncherMain.class, directory.resolve(logName), CLI_TIMEOUT,
            jvmOptions(List.of()), args);
        jvms.add(command);
        return command;
    }

    /**
     * @return the launcher's last published state, or null before the first one.
     */
    public LauncherState state()
    {
        try
        {
            final LauncherState state = stateFile.read().orElse(null);
            if (state != null)
            {
                for (final LauncherState.Instance instance : state.instances())
                {
                    if (instance.pid() > 0)
                    {
                        seenPids.put(instance.pid(), instance.instanceId());
                    }
                }
            }
            return state;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public LauncherState.Instance instance(final String instanceId)
    {
        final LauncherState state = state();
        return state == null ? null : state.instance(instanceId);
    }

    public void awaitState(final String instanceId, final InstanceState expected, final Duration timeout)
    {
        Await.until(() ->
        {
            final LauncherState.Instance instance = instance(instanceId);
            return instance != null && instance.state() == expected;
        }, timeout, () -> String.valueOf(instance(instanceId)));
    }

    public void awaitAll(final InstanceState expected, final Duration timeout)
    {
        Await.until(() ->
        {
            final LauncherState state = state();
            return state != null && state.instances().stream().allMatch(i -> i.state() == expected);
        }, timeout, () -> String.valueOf(state()));
    }

    /**
     * @return every instance pid seen so far, with its instance id.
     */
    public Map<Long, String> seenPids()
    {
        state();
        return Map.copyOf(seenPids);
    }

    public boolean isInstanceAlive(final long pid, final String instanceId)
    {
        return InstanceProcesses.find(pid, instanceId, dataDir.toAbsolutePath().normalize()).isPresent();
    }

    /**
     * Counted from /proc independently of the launcher's own lookups, for tests about duplicates and leftovers.
     *
     * @return the pids of every live process (zombies excepted) whose command line names the instance and this
     * harness's data directory.
     */
    public List<Long> instanceProcesses(final String instanceId)
    {
        final String idOption = "-Dprocmesh.instanceId=" + instanceId;
        return processesNaming(idOption::equals);
    }

    /**
     * @return the pids of every live process whose command line names an instance of this data directory.
     */
    private List<Long> processesNaming(final Predicate<String> idOption)
    {
        final String dirOption = "-Dprocmesh.dataDir=" + dataDir.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses()
            .filter(process -> process.pid() != ProcessHandle.current().pid())
            .filter(process ->
            {
                try
                {
                    final Path proc = Path.of("/proc", Long.toString(process.pid()));
                    final String stat = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
                    final String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")),
                        StandardCharsets.UTF_8);
                    final List<String> args = List.of(cmdline.split("\\u0000"));
                    return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z") &&
                        args.contains(dirOption) && args.stream().anyMatch(idOption);
                }
                catch (final IOException ex)
                {
                    // Exited meanwhile.
                    return false;
                }
            })
            .map(ProcessHandle::pid)
            .sorted()
            .toList();
    }

    public String read(final String logName)
    {
        try
        {
            final Path log = directory.resolve(logName);
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        RuntimeException failure = null;
        for (final ChildJvm jvm : jvms)
        {
            try
            {
                jvm.close();
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
            }
        }
        try
        {
            state();
        }
        catch (final RuntimeException ex)
        {
            // A test may tear the state file on purpose: the pids seen before still are known.
        }
        for (final Map.Entry<Long, String> seen : Map.copyOf(seenPids).entrySet())
        {
            InstanceProcesses.find(seen.getKey(), seen.getValue(), dataDir.toAbsolutePath().normalize())
                .ifPresent(process ->
                {
                    process.destroyForcibly();
                    process.onExit().join();
                });
        }
        // Instances no state file ever named (spawned just before a launcher was killed), by their command line.
        for (final long pid : processesNaming(arg -> arg.startsWith("-Dprocmesh.instanceId=")))
        {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (failure != null)
        {
            throw failure;
        }
    }
}
