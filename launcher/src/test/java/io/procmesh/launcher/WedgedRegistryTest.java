package io.procmesh.launcher;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.registry.SegmentLockHolderMain;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process killed while holding a registry segment lock wedges the map. The launcher finds that without
 * blocking: at `up` it recovers the map before starting anything (killing what an earlier launcher left running
 * on it), and while supervising it kills every instance, recovers the map and starts them all again.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class WedgedRegistryTest
{
    private static final String TOPOLOGY = TopologyYaml.withGrace(5_000)
        .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC]")
        .service("user", TopologyYaml.USER)
        .service("order", TopologyYaml.ORDER, "dependsOn: [user]")
        .yaml();
    private static final Pattern RECOVERY_COMPLETE = Pattern.compile(
        "registry recovery #1 complete: 2 of 2 instances UP (\\d+) ms after the wedge was detected");

    private final LauncherHarness harness = LauncherHarness.create("wedged-registry", TOPOLOGY);

    @AfterEach
    void cleanUp()
    {
        harness.close();
    }

    @Test
    void shouldRecoverAWedgedRegistryBeforeStarting()
    {
        wedgeTheRegistryAt("user-1", "holder.log");

        final ChildJvm launcher = harness.startLauncher("launcher.log");

        harness.awaitAll(InstanceState.UP, Duration.ofSeconds(60));
        assertTrue(launcher.logText().contains("is wedged (a process died holding a lock) and nothing runs: " +
            "recovering it"), launcher.logText());
        final CliResult down = harness.cli("down", "--data-dir", harness.dataDir().toString());
        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(ExitCodes.STOPPED_BY_SIGNAL, launcher.waitForExit(Duration.ofSeconds(10)));
    }

    @Test
    void shouldKillRecoverAndRestartEverythingWhenTheRegistryWedgesWhileSupervising()
    {
        final ChildJvm launcher = harness.startLauncher("launcher.log");
        harness.awaitAll(InstanceState.UP, Duration.ofSeconds(60));
        final Map<String, Long> pidsBefore = pids();

        wedgeTheRegistryAt("order-1", "holder.log");

        final Matcher complete = awaitLogLine(launcher, RECOVERY_COMPLETE, Duration.ofSeconds(60));
        final long detectedToUpMs = Long.parseLong(complete.group(1));
        System.out.println("registry wedged while supervising: detected to all UP in " + detectedToUpMs + " ms");
        harness.awaitAll(InstanceState.UP, Duration.ofSeconds(10));
        for (final Map.Entry<String, Long> before : pidsBefore.entrySet())
        {
            assertNotEquals(before.getValue(), pids().get(before.getKey()), before.getKey() + " was not restarted");
            assertFalse(harness.isInstanceAlive(before.getValue(), before.getKey()), before.getKey() + " survived");
        }
        final String log = launcher.logText();
        assertTrue(log.contains("recovered in"), log);
        assertFalse(log.contains("InterProcessDeadLockException"), log);
        final CliResult status = harness.cli("status", "--json", "--data-dir", harness.dataDir().toString());
        assertEquals(0, status.exitCode(), status.toString());
        assertFalse(status.output().contains("unavailable"), "status reads the recovered registry:\n" + status);
        for (final String instanceId : pidsBefore.keySet())
        {
            assertTrue(status.output().contains("\"" + instanceId + "\""), status.toString());
        }
        final CliResult down = harness.cli("down", "--data-dir", harness.dataDir().toString());
        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(ExitCodes.STOPPED_BY_SIGNAL, launcher.waitForExit(Duration.ofSeconds(20)));
    }

    @Test
    void shouldKillWhatAKilledLauncherLeftOnAWedgedRegistryAndStartAfresh()
    {
        final ChildJvm first = harness.startLauncher("launcher-1.log");
        harness.awaitAll(InstanceState.UP, Duration.ofSeconds(60));
        final Map<String, Long> pidsBefore = pids();
        first.kill9();
        wedgeTheRegistryAt("user-1", "holder.log");

        final ChildJvm second = harness.startLauncher("launcher-2.log");

        second.awaitLogLine("procmesh: all 2 instances UP", Duration.ofSeconds(60));
        final String log = second.logText();
        assertTrue(log.contains("killing the 2 instances an earlier launcher left running on it"), log);
        assertFalse(log.contains("adopted"), "nothing adopted from a wedged registry:\n" + log);
        for (final Map.Entry<String, Long> before : pidsBefore.entrySet())
        {
            assertFalse(harness.isInstanceAlive(before.getValue(), before.getKey()), before.getKey() + " survived");
            assertNotEquals(before.getValue(), pids().get(before.getKey()));
        }
        final CliResult down = harness.cli("down", "--data-dir", harness.dataDir().toString());
        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(ExitCodes.STOPPED_BY_SIGNAL, second.waitForExit(Duration.ofSeconds(20)));
    }

    /**
     * Issue 9 item 18c, at `up`: the registry's lock is held by a live process that is stopped; `up` waits for it
     * instead of recovering the map under it, and starts normally once it is resumed and lets go.
     */
    @Test
    void shouldWaitAtUpForAStoppedLockHolderInsteadOfRecovering()
    {
        final String registry = new DataDirectory(harness.dataDir()).registryFile().toString();
        try (ChildJvm paused = ChildJvm.start(SegmentLockHolderMain.class, harness.directory().resolve("paused.log"),
            Duration.ofMinutes(2), List.of(), registry, "user-1", "write", "2000"))
        {
            paused.awaitLogLine("LOCKED user-1", Duration.ofSeconds(60));
            paused.signal("STOP");
            assertFalse(paused.logText().contains("RELEASED"), "the holder must be stopped while it holds the lock");

            final ChildJvm launcher = harness.startLauncher("launcher.log");
            Await.until(() -> launcher.logText().contains("is wedged") ||
                launcher.logText().contains("are stopped (SIGSTOP?) and may hold it"), Duration.ofSeconds(60),
                launcher::logText);
            assertFalse(launcher.logText().contains("is wedged"), "recovered under a live holder:\n" +
                launcher.logText());
            paused.signal("CONT");
            paused.awaitLogLine("RELEASED user-1", Duration.ofSeconds(10));

            harness.awaitAll(InstanceState.UP, Duration.ofSeconds(60));
            assertFalse(launcher.logText().contains("is wedged"), launcher.logText());
            final CliResult down = harness.cli("down", "--data-dir", harness.dataDir().toString());
            assertEquals(0, down.exitCode(), down.toString());
            assertEquals(ExitCodes.STOPPED_BY_SIGNAL, launcher.waitForExit(Duration.ofSeconds(20)));
        }
    }

    /**
     * Issue 9 item 18c: a lock holder that is only paused (SIGSTOP for 3 s, longer than the two probes that used to
     * trigger a recovery) is waited for; a killed holder, in the same launcher afterwards, still is recovered.
     */
    @Test
    void shouldWaitForAStoppedLockHolderButRecoverFromAKilledOne()
    {
        final ChildJvm launcher = harness.startLauncher("launcher.log");
        harness.awaitAll(InstanceState.UP, Duration.ofSeconds(60));
        final Map<String, Long> pidsBefore = pids();
        final String registry = new DataDirectory(harness.dataDir()).registryFile().toString();

        try (ChildJvm paused = ChildJvm.start(SegmentLockHolderMain.class, harness.directory().resolve("paused.log"),
            Duration.ofMinutes(1), List.of(), registry, "order-1", "write", "2000"))
        {
            paused.awaitLogLine("LOCKED order-1", Duration.ofSeconds(60));
            paused.signal("STOP");
            assertFalse(paused.logText().contains("RELEASED"), "the holder must be stopped while it holds the lock");
            // Stopped for 6 s: the watchdog probes once a second and needs two failed 1 s probes in a row before it
            // decides anything, so 3 s (the holder's own 2 s included) left it no margin on a loaded host.
            Await.sleep(6_000);
            paused.signal("CONT");
            paused.awaitLogLine("RELEASED order-1", Duration.ofSeconds(10));
            Await.sleep(2_500);
            final String log = launcher.logText();
            assertFalse(log.contains("is wedged"), "a stopped holder is slow, not dead:\n" + log);
            assertTrue(log.contains("are stopped (SIGSTOP?) and may hold it"), log);
            assertEquals(pidsBefore, pids(), "nothing was restarted");
        }

        wedgeTheRegistryAt("order-1", "holder.log");

        awaitLogLine(launcher, RECOVERY_COMPLETE, Duration.ofSeconds(60));
        harness.awaitAll(InstanceState.UP, Duration.ofSeconds(10));
        final CliResult down = harness.cli("down", "--data-dir", harness.dataDir().toString());
        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(ExitCodes.STOPPED_BY_SIGNAL, launcher.waitForExit(Duration.ofSeconds(20)));
    }

    /**
     * A child takes the write lock of the segment holding the instance's entry, as a registration does, and is
     * killed with it held.
     */
    private void wedgeTheRegistryAt(final String instanceId, final String logName)
    {
        final String registry = new DataDirectory(harness.dataDir()).registryFile().toString();
        try (ChildJvm holder = ChildJvm.start(SegmentLockHolderMain.class, harness.directory().resolve(logName),
            Duration.ofMinutes(1), List.of(), registry, instanceId, "write"))
        {
            holder.awaitLogLine("LOCKED " + instanceId, Duration.ofSeconds(60));
            holder.kill9();
        }
    }

    private Map<String, Long> pids()
    {
        final Map<String, Long> pids = new TreeMap<>();
        for (final LauncherState.Instance instance : harness.state().instances())
        {
            pids.put(instance.instanceId(), instance.pid());
        }
        return pids;
    }

    private static Matcher awaitLogLine(final ChildJvm jvm, final Pattern pattern, final Duration timeout)
    {
        Await.until(() -> pattern.matcher(jvm.logText()).find(), timeout, jvm::logText);
        final Matcher matcher = pattern.matcher(jvm.logText());
        assertTrue(matcher.find());
        return matcher;
    }
}
