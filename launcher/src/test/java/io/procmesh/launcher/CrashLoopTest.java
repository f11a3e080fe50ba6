package io.procmesh.launcher;

import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.CrashingMain;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service that dies at once is restarted with backoff until the intensity limit marks it FAILED; what
 * depends on it never starts; the healthy service beside it keeps running; Ctrl-C stops everything.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrashLoopTest
{
    private static final String TOPOLOGY = TopologyYaml.withGrace(5_000)
        .defaults("jvmOptions", "[-Xmx64m, -XX:+UseSerialGC]")
        .service("crasher", CrashingMain.class,
            "restart: {initialBackoffMs: 50, maxBackoffMs: 200, maxRestarts: 2, withinSeconds: 60}")
        .service("dependent", CrashingMain.class, "dependsOn: [crasher]")
        .service("user", TopologyYaml.USER)
        .yaml();

    private final LauncherHarness harness = LauncherHarness.create("crash-loop", TOPOLOGY);

    @AfterEach
    void cleanUp()
    {
        harness.close();
    }

    @Test
    void shouldMarkACrashLoopingServiceFailedAndStopOnCtrlC()
    {
        final ChildJvm launcher = harness.startLauncher("launcher.log");

        harness.awaitState("crasher-1", InstanceState.FAILED, Duration.ofSeconds(60));
        harness.awaitState("user-1", InstanceState.UP, Duration.ofSeconds(60));
        launcher.awaitLogLine("procmesh: 1 of 3 instances UP", Duration.ofSeconds(10));

        final String log = launcher.logText();
        assertEquals(3, count(log, "crasher-1 starting"), "first start and 2 restarts:\n" + log);
        assertTrue(log.contains("ALERT service 'crasher' FAILED: more than 2 restarts within 60 s"), log);
        assertTrue(log.contains("ends with: " + CrashingMain.LAST_WORDS), "the alert quotes the log:\n" + log);
        assertEquals(1, count(log, "ALERT service"), log);
        final LauncherState.Instance crasher = harness.instance("crasher-1");
        assertTrue(crasher.detail().contains("exit code " + CrashingMain.EXIT_CODE), crasher.toString());
        final LauncherState.Instance dependent = harness.instance("dependent-1");
        assertEquals(InstanceState.DOWN, dependent.state());
        assertEquals("waiting for crasher (FAILED)", dependent.detail());
        assertEquals(0, dependent.pid(), "never started");

        final CliResult restart = harness.cli("restart", "crasher", "--data-dir", harness.dataDir().toString());
        assertEquals(1, restart.exitCode(), restart.toString());
        assertTrue(restart.output().contains("restart of crasher failed: crasher-1 FAILED"), restart.toString());
        assertEquals(6, count(launcher.logText(), "crasher-1 starting"), "a restart clears FAILED once");

        final long userPid = harness.instance("user-1").pid();
        launcher.signal("INT");
        assertEquals(130, launcher.waitForExit(Duration.ofSeconds(30)));
        assertTrue(launcher.logText().contains("stopped user-1 (pid " + userPid + ")"), launcher.logText());
        assertFalse(ProcessHandle.of(userPid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(InstanceState.DOWN, harness.instance("user-1").state());
    }

    private static int count(final String text, final String part)
    {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1))
        {
            count++;
        }
        return count;
    }
}
