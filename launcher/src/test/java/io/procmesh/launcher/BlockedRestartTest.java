package io.procmesh.launcher;

import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.CrashingMain;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 13: a restart that cannot finish fails with a reason instead of waiting forever: at once when its
 * instance waits for a FAILED service, at its time limit otherwise; and restarts of unrelated services do not
 * wait for it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BlockedRestartTest
{
    /**
     * The CLI gives up after this; before the fix `restart dependent` ran into it.
     */
    private static final String CLI_TIMEOUT_SECONDS = "30";

    private LauncherHarness harness;

    @AfterEach
    void cleanUp()
    {
        if (harness != null)
        {
            harness.close();
        }
    }

    @Test
    void shouldFailARestartBlockedOnAFailedDependencyAndStillRestartTheFailedService() throws IOException
    {
        harness = LauncherHarness.create("blocked-restart", dataDir -> TopologyYaml.withGrace(5_000)
            .defaults("jvmOptions", "[-Xmx64m, -XX:+UseSerialGC]")
            .service("crasher", CrashingMain.class,
                "args: [" + marker(dataDir) + ", " + dataDir.toAbsolutePath() + ", crasher-1, " +
                    dataDir.resolveSibling("handled.txt").toAbsolutePath() + "]",
                "restart: {initialBackoffMs: 50, maxBackoffMs: 200, maxRestarts: 2, withinSeconds: 60}")
            .echo("dependent", dataDir, "handled.txt", "dependsOn: [crasher]")
            .yaml());
        final ChildJvm launcher = harness.startLauncher("launcher.log");
        harness.awaitState("crasher-1", InstanceState.FAILED, Duration.ofSeconds(60));
        harness.awaitState("dependent-1", InstanceState.DOWN, Duration.ofSeconds(10));

        final long startNs = System.nanoTime();
        final CliResult blocked = restart("dependent");
        final long blockedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertEquals(1, blocked.exitCode(), blocked.toString());
        assertTrue(blocked.output().contains(
            "restart of dependent failed: dependent-1 cannot start: waiting for crasher (FAILED)"), blocked.toString());
        System.out.println("restart of a blocked service answered in " + blockedMs + " ms (CLI JVM included)");

        Files.createFile(marker(harness.dataDir()));
        final CliResult fixed = restart("crasher");
        assertEquals(0, fixed.exitCode(), fixed.toString());
        assertTrue(fixed.output().contains("restarted crasher: crasher-1 pid - -> "), fixed.toString());
        harness.awaitState("dependent-1", InstanceState.UP, Duration.ofSeconds(60));

        launcher.signal("INT");
        assertEquals(130, launcher.waitForExit(Duration.ofSeconds(30)));
    }

    @Test
    void shouldRestartAnUnrelatedServiceWhileARestartWaitsAndEndTheWaitingOneAtItsLimit() throws Exception
    {
        // The crasher waits a minute after its first crash, so the dependent's restart can neither finish nor be
        // called blocked (nothing is FAILED); it runs into its limit, grace + start timeout + 1 s, 18 s.
        harness = LauncherHarness.create("parallel-restart", dataDir -> TopologyYaml.withGrace(2_000)
            .defaults("jvmOptions", "[-Xmx64m, -XX:+UseSerialGC]")
            .service("crasher", CrashingMain.class,
                "restart: {initialBackoffMs: 60000, maxBackoffMs: 60000, maxRestarts: 5, withinSeconds: 60}")
            .echo("dependent", dataDir, "handled.txt", "dependsOn: [crasher]", "health: {startTimeoutMs: 15000}")
            .echo("other", dataDir, "handled.txt")
            .yaml());
        final ChildJvm launcher = harness.startLauncher("launcher.log");
        harness.awaitState("other-1", InstanceState.UP, Duration.ofSeconds(60));
        launcher.awaitLogLine("crasher-1 restarting in 60000 ms", Duration.ofSeconds(60));
        final long otherPid = harness.instance("other-1").pid();

        final CompletableFuture<CliResult> waiting = CompletableFuture.supplyAsync(() -> harness.cli("restart",
            "dependent", "--timeout-seconds", "60", "--data-dir", harness.dataDir().toString()));
        launcher.awaitLogLine("restart of dependent requested", Duration.ofSeconds(60));
        final CliResult other = restart("other");
        assertEquals(0, other.exitCode(), other.toString());
        assertTrue(other.output().contains("restarted other: other-1 pid " + otherPid + " -> "), other.toString());

        final CliResult dependent = waiting.get(90, TimeUnit.SECONDS);
        assertEquals(1, dependent.exitCode(), dependent.toString());
        assertTrue(dependent.output().contains("restart of dependent failed: dependent-1 not UP within 18000 ms " +
            "of its restart (DOWN: waiting for crasher)"), dependent.toString());
        final String log = launcher.logText();
        assertTrue(log.indexOf("restarted other") < log.indexOf("restart of dependent failed"),
            "the unrelated restart waited for the other one to end:\n" + log);

        launcher.signal("INT");
        assertEquals(130, launcher.waitForExit(Duration.ofSeconds(30)));
    }

    private CliResult restart(final String service)
    {
        return harness.cli("restart", service, "--timeout-seconds", CLI_TIMEOUT_SECONDS,
            "--data-dir", harness.dataDir().toString());
    }

    private static Path marker(final Path dataDir)
    {
        return dataDir.resolveSibling("crasher-fixed").toAbsolutePath();
    }
}
