package io.procmesh.benchmarks.launcher;

import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.process.ReapedProcess;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.launcher.LauncherJvmOptions;
import io.procmesh.launcher.figures.LauncherStateWatch;
import io.procmesh.launcher.process.InstanceProcesses;
import io.procmesh.launcher.state.LauncherState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code procmesh up} on a topology of the suite's, in a fresh data directory, as a partner JVM.
 * {@link #close()} stops it with SIGTERM (the launcher stops its services, dependents first), kills whatever is
 * left by pid, copies the services' logs next to the suite's, deletes the data directory, and fails if any
 * instance outlived its launcher.
 */
public final class LauncherRun implements AutoCloseable
{
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final SuiteContext context;
    private final String name;
    private final Path dataDir;
    private final LauncherStateWatch watch;
    private final Map<Long, String> seenPids = new LinkedHashMap<>();
    private ReapedProcess launcher;

    private LauncherRun(final SuiteContext context, final String name)
    {
        this.context = context;
        this.name = name;
        this.dataDir = context.freshDataDir(name);
        this.watch = new LauncherStateWatch(dataDir);
    }

    /**
     * @param topologyYaml the topology; its services run on the suite's class path.
     * @param workMs       how long the launcher is needed once started; its hard time limit adds the start-up.
     */
    public static LauncherRun start(final SuiteContext context, final String name, final String topologyYaml,
        final long workMs)
    {
        final LauncherRun run = new LauncherRun(context, name);
        final Path topology = context.logFile(name + "-topology").resolveSibling(name + "-topology.yaml");
        try
        {
            Files.writeString(topology, topologyYaml, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + topology + ": " + ex.getMessage(), ex);
        }
        run.launcher = context.startJava(name + "-launcher", LauncherPartnerMain.class, List.of("up", "--config",
            topology.toString(), "--data-dir", run.dataDir.toString()), workMs,
            LauncherJvmOptions.list());
        return run;
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public LauncherStateWatch watch()
    {
        return watch;
    }

    /**
     * Waits until every instance of the topology is UP.
     *
     * @throws IllegalStateException if the launcher exits first, or they are not UP in time.
     */
    public LauncherState awaitAllUp(final Duration timeout) throws IOException, InterruptedException
    {
        return remember(watch.await(state ->
        {
            if (!launcher.isAlive())
            {
                throw new IllegalStateException("the launcher exited before every instance was UP; see " +
                    launcher.log() + "\n" + launcher.tail());
            }
            remember(state);
            return !state.instances().isEmpty() &&
                state.instances().stream().allMatch(instance -> instance.state() == InstanceState.UP);
        }, timeout));
    }

    /**
     * Waits until the instance is UP and has been for at least {@code upForMs} (by the launcher's own stamp).
     */
    public LauncherState awaitUpFor(final String instanceId, final long upForMs, final Duration timeout)
        throws IOException, InterruptedException
    {
        return remember(watch.await(state ->
        {
            final LauncherState.Instance instance = state.instance(instanceId);
            return instance != null && instance.state() == InstanceState.UP &&
                System.nanoTime() - instance.stateSinceNs() >= upForMs * 1_000_000L;
        }, timeout));
    }

    /**
     * Records an instance's pid so {@link #close()} checks that it is gone.
     */
    public void remember(final String instanceId, final long pid)
    {
        if (pid > 0)
        {
            seenPids.put(pid, instanceId);
        }
    }

    /**
     * Waits for the instance's current process to print {@code READY <id> pid <pid> port <port>} in its log: the
     * registry says UP as soon as the instance is connected, which for the gateway is before Jetty serves.
     *
     * @return that port.
     */
    public int awaitReadyPort(final String instanceId, final Duration timeout)
        throws IOException, InterruptedException
    {
        final long pid = watch.await(state -> state.instance(instanceId) != null, timeout).instance(instanceId).pid();
        final Path log = new DataDirectory(dataDir).log(instanceId);
        final Pattern ready = Pattern.compile("READY " + Pattern.quote(instanceId) + " pid " + pid + " port (\\d+)");
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadlineNs < 0)
        {
            final Matcher matcher = ready.matcher(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) :
                "");
            if (matcher.find())
            {
                return Integer.parseInt(matcher.group(1));
            }
            TimeUnit.MILLISECONDS.sleep(LauncherStateWatch.POLL_MS);
        }
        throw new IllegalStateException(instanceId + " pid " + pid + " printed no READY line with a port within " +
            timeout + "; see " + log);
    }

    @Override
    public void close()
    {
        final List<String> problems = new ArrayList<>();
        try
        {
            watch.latest().ifPresent(this::remember);
        }
        catch (final IOException ex)
        {
            problems.add("state file unreadable: " + ex.getMessage());
        }
        if (launcher != null)
        {
            if (launcher.isAlive())
            {
                try
                {
                    launcher.terminate(STOP_TIMEOUT);
                }
                catch (final IllegalStateException ex)
                {
                    problems.add("the launcher did not stop within " + STOP_TIMEOUT + " of SIGTERM: killed");
                }
            }
            launcher.close();
        }
        for (final Map.Entry<Long, String> seen : seenPids.entrySet())
        {
            final Optional<ProcessHandle> survivor = InstanceProcesses.find(seen.getKey(), seen.getValue(), dataDir);
            if (survivor.isPresent())
            {
                problems.add(seen.getValue() + " pid " + seen.getKey() + " outlived its launcher: killed");
                survivor.get().destroyForcibly();
                survivor.get().onExit().join();
            }
        }
        keepLogs();
        context.deleteTree(dataDir);
        if (!problems.isEmpty())
        {
            throw new IllegalStateException(name + ": " + String.join("; ", problems));
        }
    }

    private LauncherState remember(final LauncherState state)
    {
        for (final LauncherState.Instance instance : state.instances())
        {
            remember(instance.instanceId(), instance.pid());
        }
        return state;
    }

    private void keepLogs()
    {
        final Path logs = new DataDirectory(dataDir).logs();
        if (!Files.isDirectory(logs))
        {
            return;
        }
        try (Stream<Path> files = Files.list(logs))
        {
            for (final Path log : files.toList())
            {
                final String instance = log.getFileName().toString().replaceFirst("\\.log$", "");
                Files.copy(log, context.logFile(name + "-" + instance), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (final IOException ex)
        {
            System.err.println("[bench] cannot keep the logs of " + logs + ": " + ex.getMessage());
        }
    }
}
