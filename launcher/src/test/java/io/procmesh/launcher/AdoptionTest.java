package io.procmesh.launcher;

import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the launcher leaves its children running; the next `up` adopts them instead of starting
 * duplicates, and `down` with no launcher running still stops them.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class AdoptionTest
{
    private static final String TOPOLOGY = TopologyYaml.withGrace(5_000)
        .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC]")
        .service("user", TopologyYaml.USER)
        .service("notification", TopologyYaml.NOTIFICATION)
        .yaml();

    private final LauncherHarness harness = LauncherHarness.create("adoption", TOPOLOGY);

    @AfterEach
    void cleanUp()
    {
        harness.close();
    }

    @Test
    void shouldAdoptChildrenOfAKilledLauncherAndStopThemWithoutOne()
    {
        final ChildJvm first = harness.startLauncher("launcher-1.log");
        harness.awaitAll(InstanceState.UP, Duration.ofSeconds(60));
        final long userPid = harness.instance("user-1").pid();
        final long notificationPid = harness.instance("notification-1").pid();

        first.kill9();
        assertTrue(harness.isInstanceAlive(userPid, "user-1"), "children outlive a killed launcher");
        assertTrue(harness.isInstanceAlive(notificationPid, "notification-1"));

        final ChildJvm second = harness.startLauncher("launcher-2.log");
        second.awaitLogLine("procmesh: all 2 instances UP", Duration.ofSeconds(30));
        final String log = second.logText();
        assertTrue(log.contains("(2 adopted from an earlier launcher)"), log);
        assertTrue(log.contains("user-1 adopted: pid " + userPid), log);
        assertFalse(log.contains("starting: pid"), "nothing started twice:\n" + log);
        assertEquals(userPid, harness.instance("user-1").pid());
        assertEquals(notificationPid, harness.instance("notification-1").pid());

        final CliResult duplicate = harness.cli("up", "--config", harness.topology().toString(),
            "--data-dir", harness.dataDir().toString());
        assertEquals(1, duplicate.exitCode(), duplicate.toString());
        assertEquals(List.of("procmesh: a launcher is already running for " + harness.dataDir() + " (pid " +
            second.pid() + "); use 'procmesh status' or 'procmesh down'"), duplicate.lines());

        second.kill9();
        final CliResult down = harness.cli("down", "--data-dir", harness.dataDir().toString());

        assertEquals(0, down.exitCode(), down.toString());
        assertTrue(down.output().contains("stopping 2 instance(s) running without a launcher"), down.toString());
        for (final Map.Entry<Long, String> pid : harness.seenPids().entrySet())
        {
            // Not ProcessHandle.isAlive: that is true of a zombie, exited but not yet reaped by whoever inherited it.
            assertFalse(harness.instanceProcesses(pid.getValue()).contains(pid.getKey()),
                pid.getValue() + " pid " + pid.getKey() + " still running");
        }
    }
}
