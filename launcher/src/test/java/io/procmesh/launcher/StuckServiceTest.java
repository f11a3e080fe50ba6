package io.procmesh.launcher;

import io.procmesh.core.Procmesh;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.rpc.ServiceUnavailableException;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An instance that keeps heartbeating while its handler never returns and requests pile up in its inbox is
 * stuck: the launcher kills and replaces it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StuckServiceTest
{
    private static final long STUCK_AFTER_MS = 1_500;

    private final LauncherHarness harness = LauncherHarness.create("stuck", dataDir -> TopologyYaml.withGrace(5_000)
        .echo("echo", dataDir, "handled.txt", "jvmOptions: [-Xmx128m, -XX:+UseSerialGC]",
            "health: {stuckAfterMs: " + STUCK_AFTER_MS + ", heartbeatTimeoutMs: 10000}")
        .yaml());

    @AfterEach
    void cleanUp()
    {
        harness.close();
    }

    @Test
    void shouldReplaceAnInstanceWhoseBacklogGrowsWithNothingHandled() throws Exception
    {
        final ChildJvm launcher = harness.startLauncher("launcher.log");
        harness.awaitState("echo-1", InstanceState.UP, Duration.ofSeconds(60));
        final LauncherState.Instance before = harness.instance("echo-1");

        try (Procmesh client = Procmesh.connect(new Procmesh.Context()
            .dataDir(harness.dataDir())
            .serviceName("it")
            .instanceId("it-stuck-" + ProcessHandle.current().pid())))
        {
            awaitServing(client);
            final List<CompletableFuture<String>> calls = new ArrayList<>();
            calls.add(client.client().callJson("echo", "slow", "600000", 60_000));
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (harness.instance("echo-1").pid() == before.pid() && System.nanoTime() - deadlineNs < 0)
            {
                calls.add(client.client().callJson("echo", "echo", "\"queued\"", 60_000));
                Await.sleep(100);
            }
            calls.forEach(call -> call.cancel(true));
        }

        harness.awaitState("echo-1", InstanceState.UP, Duration.ofSeconds(60));
        assertTrue(harness.instance("echo-1").pid() != before.pid(), "replaced");
        assertTrue(launcher.logText().contains("echo-1 stuck: inbox backlog grew from"), launcher.logText());
    }

    private static void awaitServing(final Procmesh client)
    {
        Await.until(() ->
        {
            try
            {
                client.client().callJson("echo", "echo", "\"ping\"", 5_000).join();
                return true;
            }
            catch (final RuntimeException ex)
            {
                if (!(ex.getCause() instanceof ServiceUnavailableException))
                {
                    throw ex;
                }
                return false;
            }
        }, Duration.ofSeconds(30), () -> "echo not serving");
    }
}
