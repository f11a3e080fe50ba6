package io.procmesh.launcher;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.SegmentLockHolderMain;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.launcher.supervisor.InstanceState;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.LauncherHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process killed while holding a registry segment lock wedges the map; `up` finds that without blocking and,
 * with nothing running, recovers the map before starting anything.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WedgedRegistryTest
{
    private static final String TOPOLOGY = """
        shutdownGraceMs: 5000
        services:
          user:
            mainClass: io.procmesh.services.user.UserServiceMain
            jvmOptions: [-Xmx128m, -XX:+UseSerialGC]
        """;

    private final LauncherHarness harness = LauncherHarness.create("wedged-registry", TOPOLOGY);

    @AfterEach
    void cleanUp()
    {
        harness.close();
    }

    @Test
    void shouldRecoverAWedgedRegistryBeforeStarting()
    {
        final String registry = new DataDirectory(harness.dataDir()).registryFile().toString();
        try (ChildJvm holder = ChildJvm.start(SegmentLockHolderMain.class, harness.directory().resolve("holder.log"),
            Duration.ofMinutes(1), List.of(), registry, "user-1"))
        {
            holder.awaitLogLine("LOCKED user-1", Duration.ofSeconds(60));
            holder.kill9();
        }

        final ChildJvm launcher = harness.startLauncher("launcher.log");

        harness.awaitState("user-1", InstanceState.UP, Duration.ofSeconds(60));
        assertTrue(launcher.logText().contains("is wedged (a process died holding a lock) and nothing runs: " +
            "recovering it"), launcher.logText());
        final CliResult down = harness.cli("down", "--data-dir", harness.dataDir().toString());
        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(ExitCodes.STOPPED_BY_SIGNAL, launcher.waitForExit(Duration.ofSeconds(10)));
    }
}
