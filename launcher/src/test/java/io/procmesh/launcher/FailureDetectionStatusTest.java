package io.procmesh.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoService;
import io.procmesh.core.test.Signals;
import io.procmesh.core.test.ThreadStates;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, adaptive failure detection, under the launcher: an instance paused again and again for 100-300 ms (SIGSTOP,
 * like a collection's pauses) for 5 s is never killed or restarted, with the default health policy (2 s hung timeout);
 * another, stopped for good (its hung timeout 60 s), is DEGRADED within seconds, before the fixed rule's 30 s, and
 * `procmesh status --json` shows φ past the threshold and says why; it is UP again once resumed. The detection times
 * themselves: core's FailureDetectionTest.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FailureDetectionStatusTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LauncherHarness harness = LauncherHarness.create("failure-detection", dataDir ->
        TopologyYaml.withGrace(5_000)
            .defaults("jvmOptions", "[-Xmx64m, -XX:+UseSerialGC]")
            .service("user", TopologyYaml.USER)
            // Stopped for good in the second part: not killed at 2 s, so that status shows it suspected.
            .implementation("frozen", EchoApi.class, EchoService.class, "health: {heartbeatTimeoutMs: 60000}",
                "jvmOptions: [-D" + EchoService.HANDLED_FILE_PROP_NAME + "=" + dataDir.resolve("handled.txt") + "]")
            .yaml());
    private long stopped;

    @AfterEach
    void cleanUp()
    {
        if (stopped > 0)
        {
            Signals.send(stopped, "CONT");
        }
        harness.close();
    }

    @Test
    void shouldKeepAJitteringInstanceAndShowAStoppedOneSuspectedInStatus() throws Exception
    {
        harness.startLauncher("launcher.log");
        harness.awaitState("user-1", InstanceState.UP, WAIT);
        final long pid = harness.instance("user-1").pid();

        final long jitterEndNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int pauses = 0;
        while (System.nanoTime() - jitterEndNs < 0)
        {
            stopped = pid;
            Signals.require(pid, "STOP");
            Await.sleep(ThreadLocalRandom.current().nextLong(100, 301));
            Signals.require(pid, "CONT");
            stopped = 0;
            pauses++;
            Await.sleep(ThreadLocalRandom.current().nextLong(150, 400));
        }
        Await.sleep(1_000);
        assertEquals(pid, harness.instance("user-1").pid(), "not killed after " + pauses + " pauses");
        assertEquals(0, harness.instance("user-1").restarts());
        assertEquals(InstanceState.UP, harness.instance("user-1").state());

        harness.awaitState("frozen-1", InstanceState.UP, WAIT);
        final long frozen = harness.instance("frozen-1").pid();
        stopped = frozen;
        Signals.require(frozen, "STOP");
        ThreadStates.awaitStopped(frozen, Duration.ofSeconds(10));
        // Suspected about 1.1 s after its last beat; DEGRADED by the fixed rule only at 30 s (half its timeout).
        Await.until(() -> harness.instance("frozen-1").state() == InstanceState.DEGRADED, Duration.ofSeconds(5),
            "frozen-1 DEGRADED");
        final CliResult status = harness.cli("status", "--json");
        assertEquals(0, status.exitCode(), status.toString());
        final JsonNode entry = instance(JSON.readTree(status.output()), "frozen-1");
        assertEquals(frozen, entry.get("pid").asLong(), entry.toString());
        assertEquals("DEGRADED", entry.get("state").asText(), entry.toString());
        assertTrue(entry.get("phi").asDouble() >= 8, entry.toString());
        assertTrue(entry.get("detail").asText().startsWith("heartbeat late: "), entry.toString());
        assertTrue(entry.get("detail").asText().contains("(phi "), entry.toString());
        assertTrue(instance(JSON.readTree(status.output()), "user-1").get("phi").asDouble() < 8, status.output());

        Signals.require(frozen, "CONT");
        stopped = 0;
        harness.awaitState("frozen-1", InstanceState.UP, WAIT);
        assertEquals(frozen, harness.instance("frozen-1").pid(), "resumed, not restarted");
    }

    private static JsonNode instance(final JsonNode report, final String instanceId)
    {
        for (final JsonNode instance : report.get("instances"))
        {
            if (instance.get("instanceId").asText().equals(instanceId))
            {
                return instance;
            }
        }
        throw new AssertionError(instanceId + " not in " + report);
    }
}
