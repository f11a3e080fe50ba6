package io.procmesh.launcher;

import io.procmesh.core.test.ChildJvm;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.SlowStartMain;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 12: a launcher killed by SIGKILL between spawning a child and that child registering. The next
 * `up` must find the child (its pid file, or /proc) and adopt it rather than start a second JVM with the same
 * instance id, and `down` must stop it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LauncherKilledWhileSpawningTest
{
    private static final String TOPOLOGY = TopologyYaml.withGrace(5_000)
        .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC]")
        .service("user", SlowStartMain.class, "health: {startTimeoutMs: 60000}")
        .yaml();

    private final LauncherHarness harness = LauncherHarness.create("killed-while-spawning", TOPOLOGY);

    @AfterEach
    void cleanUp()
    {
        harness.close();
    }

    @Test
    void shouldAdoptAChildThatHadNotRegisteredWhenItsLauncherWasKilled()
    {
        final ChildJvm first = harness.startLauncher("launcher-1.log");
        first.awaitLogLine("user-1 starting: pid", Duration.ofSeconds(60));
        first.kill9();
        final List<Long> orphan = harness.instanceProcesses("user-1");
        assertEquals(1, orphan.size(), "the child outlives its killed launcher: " + orphan);

        final ChildJvm second = harness.startLauncher("launcher-2.log");
        second.awaitLogLine("procmesh: all 1 instance UP", Duration.ofSeconds(90));
        final String log = second.logText();
        assertEquals(orphan, harness.instanceProcesses("user-1"), "exactly one JVM is user-1:\n" + log);
        assertTrue(log.contains("user-1 adopted: pid " + orphan.get(0)), log);
        assertFalse(log.contains("starting: pid"), "nothing started twice:\n" + log);
        assertEquals(orphan.get(0), harness.instance("user-1").pid());

        final CliResult down = harness.cli("down", "--data-dir", harness.dataDir().toString());
        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(List.of(), harness.instanceProcesses("user-1"), down.toString());
        assertFalse(second.isAlive(), "down stopped the launcher");
    }
}
