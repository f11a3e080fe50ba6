package io.procmesh.launcher.figures;

import io.procmesh.core.config.JavaCommand;
import io.procmesh.core.process.LoggedProcess;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.launcher.LauncherJvmOptions;
import io.procmesh.launcher.process.InstanceProcesses;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.TopologyYaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Measures the launcher's operating figures with the packaged jar, as an operator runs it:
 * <ul>
 * <li>time from starting `procmesh up` to every demo instance UP, on a fresh and on a reused data dir;</li>
 * <li>kill -9 of each instance of the demo (services/procmesh-demo.yaml): time until the launcher notices, and until it is UP
 * again.</li>
 * </ul>
 * Every time is taken on System.nanoTime, which on Linux is CLOCK_MONOTONIC and shared by all processes: the
 * launcher writes the moment it saw each change into state.json, and this tool compares it with its own.
 * Run through launcher/measure-figures.sh; args: [runs] [jar] [work dir]. The launcher runs with the ./procmesh
 * wrapper's JVM options ({@link LauncherJvmOptions}).
 */
public final class LauncherFigures
{
    private static final long TIMEOUT_MS = 120_000;
    private static final Duration TIMEOUT = Duration.ofMillis(TIMEOUT_MS);

    private final Path jar;
    private final Path work;
    private final List<Long> coldUpMs = new ArrayList<>();
    private final List<Long> warmUpMs = new ArrayList<>();
    private final List<Long> detectMs = new ArrayList<>();
    private final List<Long> upAgainMs = new ArrayList<>();
    private volatile Path current;

    private LauncherFigures(final Path jar, final Path work)
    {
        this.jar = jar;
        this.work = work;
    }

    public static void main(final String[] args) throws Exception
    {
        final int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        final Path jar = Path.of(args.length > 1 ? args[1] : "launcher/target/procmesh-launcher.jar").toAbsolutePath();
        final Path work = Path.of(args.length > 2 ? args[2] : "launcher/target/figures").toAbsolutePath();
        if (!Files.isRegularFile(jar))
        {
            System.err.println("figures: " + jar + " is missing: build it with mvn -DskipTests package");
            System.exit(1);
        }
        final LauncherFigures figures = new LauncherFigures(jar, work);
        // Interrupted or failed, the tool still leaves nothing running: down on the data dir in use.
        Runtime.getRuntime().addShutdownHook(new Thread(figures::downCurrent, "figures-cleanup"));
        System.out.println("figures: " + runs + " runs, jar " + jar + ", load average " + loadAverage());
        for (int run = 1; run <= runs; run++)
        {
            figures.run(run);
        }
        figures.report();
    }

    private void downCurrent()
    {
        final Path dataDir = current;
        if (dataDir == null)
        {
            return;
        }
        try
        {
            start(dataDir.resolveSibling(dataDir.getFileName() + "-cleanup.log"), "down", "--data-dir",
                dataDir.toString()).waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final IOException ex)
        {
            System.err.println("figures: cleanup of " + dataDir + " failed: " + ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run(final int run) throws Exception
    {
        final Path dataDir = work.resolve("run-" + run + "-" + System.currentTimeMillis());
        current = dataDir;
        final long cold = upAndMeasure(dataDir, "cold");
        coldUpMs.add(cold);
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "run %d: up %d ms", run, cold));
        for (final LauncherState.Instance instance : await(dataDir, state -> true).instances())
        {
            final String instanceId = instance.instanceId();
            final long[] kill = killAndMeasure(dataDir, instanceId);
            detectMs.add(kill[0]);
            upAgainMs.add(kill[1]);
            line.append(String.format(Locale.ROOT, "; kill -9 %s: detected %d ms, UP again %d ms",
                instanceId, kill[0], kill[1]));
        }
        down(dataDir);
        final long warm = upAndMeasure(dataDir, "warm");
        warmUpMs.add(warm);
        down(dataDir);
        current = null;
        System.out.println(line.append(String.format(Locale.ROOT, "; up again on the same data dir %d ms", warm)));
    }

    private long upAndMeasure(final Path dataDir, final String name) throws Exception
    {
        Files.createDirectories(dataDir);
        final long startNs = System.nanoTime();
        start(dataDir.resolveSibling(dataDir.getFileName() + "-" + name + ".log"), "up", "--config",
            TopologyYaml.DEMO.toString(), "--data-dir", dataDir.toString());
        // The launcher lists every instance of the topology from its first state file on.
        final LauncherState up = await(dataDir, state -> !state.instances().isEmpty() &&
            state.instances().stream().allMatch(instance -> instance.state() == InstanceState.UP));
        long lastUpNs = startNs;
        for (final LauncherState.Instance instance : up.instances())
        {
            lastUpNs = Math.max(lastUpNs, instance.stateSinceNs());
        }
        return TimeUnit.NANOSECONDS.toMillis(lastUpNs - startNs);
    }

    /**
     * @return {detection ms, UP again ms}, both from the moment SIGKILL was sent.
     */
    private long[] killAndMeasure(final Path dataDir, final String instanceId) throws Exception
    {
        final Failover failover = FailoverProbe.killAndAwaitUp(new LauncherStateWatch(dataDir), instanceId, TIMEOUT);
        return new long[]{
            TimeUnit.NANOSECONDS.toMillis(failover.detectedAfterNs()),
            TimeUnit.NANOSECONDS.toMillis(failover.upAgainAfterNs())};
    }

    private void down(final Path dataDir) throws Exception
    {
        final LauncherState before = await(dataDir, state -> true);
        final Process down = start(dataDir.resolveSibling(dataDir.getFileName() + "-down.log"), "down",
            "--data-dir", dataDir.toString());
        if (!down.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS) || down.exitValue() != 0)
        {
            throw new IllegalStateException("procmesh down failed for " + dataDir);
        }
        for (final LauncherState.Instance instance : before.instances())
        {
            if (InstanceProcesses.find(instance.pid(), instance.instanceId(), dataDir).isPresent())
            {
                throw new IllegalStateException(instance.instanceId() + " still runs after down");
            }
        }
        ProcessHandle.of(before.launcherPid()).ifPresent(launcher -> launcher.onExit().join());
    }

    private Process start(final Path log, final String... args) throws IOException
    {
        return LoggedProcess.start(JavaCommand.jar(jar).jvmOptions(LauncherJvmOptions.list()).args(args).build(), log,
            false);
    }

    private static LauncherState await(final Path dataDir, final Predicate<LauncherState> condition)
        throws Exception
    {
        return new LauncherStateWatch(dataDir).await(condition, TIMEOUT);
    }

    private void report()
    {
        System.out.println("figure                              samples  median      max");
        print("up to all UP, fresh data dir", coldUpMs);
        print("up to all UP, reused data dir", warmUpMs);
        print("kill -9 detected", detectMs);
        print("kill -9 to UP again", upAgainMs);
        System.out.println("load average after: " + loadAverage());
    }

    private static void print(final String name, final List<Long> samples)
    {
        final List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-35s %7d %7d ms %6d ms%n", name, sorted.size(),
            sorted.get((sorted.size() - 1) / 2), sorted.get(sorted.size() - 1));
    }

    private static String loadAverage()
    {
        try
        {
            return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim();
        }
        catch (final IOException ex)
        {
            return "unknown (" + ex.getMessage() + ")";
        }
    }
}
