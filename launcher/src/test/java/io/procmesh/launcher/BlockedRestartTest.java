package io.procmesh.launcher;

import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoServiceMain;
import io.procmesh.launcher.supervisor.InstanceState;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.CrashingMain;
import io.procmesh.launcher.testing.LauncherHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 13: a restart that cannot finish (its instance waits for a FAILED service) fails at once with a
 * reason instead of waiting forever, and never holds up the restart of the FAILED service that the ALERT tells the
 * operator to run.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class BlockedRestartTest
{
    /**
     * The CLI gives up after this; before the fix `restart dependent` ran into it.
     */
    private static final String CLI_TIMEOUT_SECONDS = "30";
    private static final String TOPOLOGY = """
        shutdownGraceMs: 5000
        defaults:
          jvmOptions: [-Xmx64m, -XX:+UseSerialGC]
        services:
          crasher:
            mainClass: %1$s
            args: [%3$s, %4$s, crasher-1, %5$s]
            restart: {initialBackoffMs: 50, maxBackoffMs: 200, maxRestarts: 2, withinSeconds: 60}
          dependent:
            mainClass: %2$s
            args: [%4$s, dependent-1, %5$s]
            dependsOn: [crasher]
        """;

    private final LauncherHarness harness = LauncherHarness.create("blocked-restart", dataDir -> TOPOLOGY.formatted(
        CrashingMain.class.getName(), EchoServiceMain.class.getName(), marker(dataDir), dataDir.toAbsolutePath(),
        dataDir.resolveSibling("handled.txt").toAbsolutePath()));

    @AfterEach
    void cleanUp()
    {
        harness.close();
    }

    @Test
    void shouldFailARestartBlockedOnAFailedDependencyAndStillRestartTheFailedService() throws IOException
    {
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
