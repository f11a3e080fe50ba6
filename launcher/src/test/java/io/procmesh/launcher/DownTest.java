package io.procmesh.launcher;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.ForkingMain;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 items 17 and 18a: `down` stops everything even when the launcher's state file is torn, and stops what a
 * service forked, not only the service; what a service that crashed had forked is killed too.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DownTest
{
    private final List<LauncherHarness> harnesses = new ArrayList<>();
    private final List<Long> forked = new ArrayList<>();

    @AfterEach
    void cleanUp()
    {
        for (final LauncherHarness harness : harnesses)
        {
            final Path all = ForkingMain.allPidsFile(harness.dataDir().toAbsolutePath().normalize(), "user-1");
            try
            {
                if (Files.exists(all))
                {
                    Files.readAllLines(all, StandardCharsets.US_ASCII).forEach(pid -> forked.add(Long.parseLong(pid)));
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        for (final long pid : forked)
        {
            // The test's own grandchildren, by pid: whatever the outcome, none may outlive the test.
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        harnesses.forEach(LauncherHarness::close);
    }

    @Test
    void shouldStopTheInstancesOfAKilledLauncherWhoseStateFileIsTorn() throws IOException
    {
        final LauncherHarness harness = harness("down-torn-state", "io.procmesh.services.user.UserServiceMain", "");
        final ChildJvm launcher = harness.startLauncher("launcher.log");
        harness.awaitAll(InstanceState.UP, Duration.ofSeconds(60));
        final long userPid = harness.instance("user-1").pid();
        launcher.kill9();
        final Path stateFile = new LauncherFiles(new DataDirectory(harness.dataDir())).stateFile();
        // What a host crash leaves of a file written without fsync: the first part of it.
        final String state = Files.readString(stateFile, StandardCharsets.UTF_8);
        Files.writeString(stateFile, state.substring(0, state.length() / 2), StandardCharsets.UTF_8);

        final CliResult down = harness.cli("down", "--data-dir", harness.dataDir().toString());

        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(1, down.lines().stream().filter(line -> line.contains("cannot read " + stateFile)).count(),
            down.toString());
        assertTrue(down.output().contains("stopping 1 instance(s) running without a launcher"), down.toString());
        assertEquals(List.of(), harness.instanceProcesses("user-1"), down.toString());
        Await.until(() -> !isRunning(userPid), Duration.ofSeconds(5), down::toString);
    }

    @Test
    void shouldStopWhatAServiceForked() throws IOException
    {
        stopsWhatAServiceForked("down-forked", "");
    }

    @Test
    void shouldStopWhatAServiceForkedEvenIfItIgnoresSigterm() throws IOException
    {
        stopsWhatAServiceForked("down-forked-deaf", ForkingMain.IGNORE_TERM);
    }

    @Test
    void shouldKillWhatACrashedServiceForked() throws IOException
    {
        final LauncherHarness harness = harness("crashed-forked", ForkingMain.class.getName(), ForkingMain.CRASH);
        final ChildJvm launcher = harness.startLauncher("launcher.log");
        harness.awaitState("user-1", InstanceState.FAILED, Duration.ofSeconds(60));
        final Path pidFile = ForkingMain.pidFile(harness.dataDir().toAbsolutePath().normalize(), "user-1");
        final long forkedPid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        forked.add(forkedPid);

        assertTrue(launcher.logText().contains("exit code " + ForkingMain.CRASH_EXIT_CODE), launcher.logText());
        Await.until(() -> !isRunning(forkedPid), Duration.ofSeconds(5),
            () -> "pid " + forkedPid + " (forked by the last user-1 before it crashed) still running");
    }

    private void stopsWhatAServiceForked(final String name, final String mode) throws IOException
    {
        final LauncherHarness harness = harness(name, ForkingMain.class.getName(), mode);
        harness.startLauncher("launcher.log");
        harness.awaitAll(InstanceState.UP, Duration.ofSeconds(60));
        final Path pidFile = ForkingMain.pidFile(harness.dataDir().toAbsolutePath().normalize(), "user-1");
        final long forkedPid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        forked.add(forkedPid);
        assertTrue(isRunning(forkedPid), "the fork runs");

        final CliResult down = harness.cli("down", "--data-dir", harness.dataDir().toString());

        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(List.of(), harness.instanceProcesses("user-1"), down.toString());
        // Reaped by whoever inherited it once the service was gone: allow that a moment.
        Await.until(() -> !isRunning(forkedPid), Duration.ofSeconds(5),
            () -> "pid " + forkedPid + " (forked by user-1) still running after down: " + down);
    }

    private static String topology(final String mainClass, final String args)
    {
        return TopologyYaml.withGrace(5_000)
            .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC]")
            .service("user", mainClass, "args: [" + args + "]",
                "restart: {initialBackoffMs: 50, maxBackoffMs: 200, maxRestarts: 1, withinSeconds: 60}")
            .yaml();
    }

    private LauncherHarness harness(final String name, final String mainClass, final String args)
    {
        final LauncherHarness harness = LauncherHarness.create(name, topology(mainClass, args));
        harnesses.add(harness);
        return harness;
    }

    private static boolean isRunning(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"),
                StandardCharsets.US_ASCII);
            return !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
