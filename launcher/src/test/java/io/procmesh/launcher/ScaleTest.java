package io.procmesh.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.procmesh.core.Procmesh;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.HoldApi;
import io.procmesh.launcher.testing.HoldService;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `procmesh scale` against one real launcher: 1 to 3 instances without touching the first; bad input refused with
 * one line and exit 2, nothing changed; a launcher killed and restarted keeps the scaled count (it adopts all three);
 * 3 to 1 drains the two highest while calls they hold are in flight and queued, every call answered, then stops
 * them for good, the first untouched.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScaleTest
{
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(60);
    private static final String TOPOLOGY = TopologyYaml.withGrace(5_000)
        .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC]")
        .implementation("hold", HoldApi.class, HoldService.class, "instances: 1", "maxInstances: 3",
            // A stop gives up on a handler after 1 s: a drain that did not wait for what the instance holds loses
            // calls within the test's hold. Held that long, hold-1 is not to be killed as stuck.
            "jvmOptions: [-Dprocmesh.shutdownTimeoutMs=1000]", "health: {stuckAfterMs: 30000}")
        .yaml();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LauncherHarness harness = LauncherHarness.create("scale", TOPOLOGY);

    @AfterEach
    void cleanUp()
    {
        harness.close();
    }

    @Test
    void shouldScaleUpAndDrainDownWithoutTouchingTheOthers() throws Exception
    {
        final ChildJvm first = harness.startLauncher("launcher-1.log");
        harness.awaitAll(InstanceState.UP, UP_TIMEOUT);
        final long pid1 = harness.instance("hold-1").pid();

        final CliResult up = harness.cli("scale", "hold", "3");
        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(up.output().contains("procmesh: hold-2 started: pid "), up.toString());
        assertTrue(up.output().contains("procmesh: hold-3 started: pid "), up.toString());
        assertTrue(up.output().contains("procmesh: scaled hold from 1 to 3 instances"), up.toString());
        assertEquals(Set.of("hold-1", "hold-2", "hold-3"), upInStatus(), "status shows the new count at once");
        assertEquals(pid1, harness.instance("hold-1").pid(), "hold-1 untouched");

        checkBadInputChangesNothing();

        first.kill9();
        final List<Long> pids = List.of(pid1, harness.instance("hold-2").pid(), harness.instance("hold-3").pid());
        final ChildJvm second = harness.startLauncher("launcher-2.log");
        second.awaitLogLine("procmesh: all 3 instances UP", UP_TIMEOUT);
        assertTrue(second.logText().contains("(3 adopted from an earlier launcher)"), second.logText());
        assertEquals(pids, List.of(harness.instance("hold-1").pid(), harness.instance("hold-2").pid(),
            harness.instance("hold-3").pid()), "the scaled count outlives a killed launcher");

        drainDown(pid1, pids);
    }

    private void checkBadInputChangesNothing()
    {
        final LauncherState before = harness.state();
        for (final String[] bad : new String[][]{
            {"nosuch", "2", "procmesh: unknown service 'nosuch' (services: hold)"},
            {"hold", "-1", "procmesh: N must be at least 0, was -1"},
            {"hold", "4", "procmesh: hold may run at most 3 instances (maxInstances in the topology), asked for 4"},
            {"hold", "two", "procmesh: N must be a whole number, was 'two'"}})
        {
            final CliResult result = harness.cli("scale", bad[0], bad[1]);
            assertEquals(2, result.exitCode(), result.toString());
            assertEquals(List.of(bad[2]), result.lines(), result.toString());
        }
        final CliResult query = harness.cli("scale", "hold");
        assertEquals(0, query.exitCode(), query.toString());
        assertEquals(List.of("procmesh: hold: 3 of at most 3 instances (topology: 1)"), query.lines());
        for (final LauncherState.Instance instance : before.instances())
        {
            final LauncherState.Instance now = harness.instance(instance.instanceId());
            assertEquals(instance.pid(), now.pid(), instance.instanceId());
            assertEquals(InstanceState.UP, now.state(), instance.instanceId());
        }
        assertEquals(3, harness.state().instances().size());
    }

    private void drainDown(final long pid1, final List<Long> pids) throws Exception
    {
        final Path latch = harness.directory().resolve("latch");
        try (Procmesh client = Procmesh.connect(new Procmesh.Context()
            .dataDir(harness.dataDir())
            .serviceName("it")
            .instanceId("it-scale-" + ProcessHandle.current().pid())))
        {
            // Picked round-robin, three per instance: one in its handler, two waiting in its inbox; all answered.
            final List<CompletableFuture<String>> held = new ArrayList<>();
            for (int i = 0; i < 9; i++)
            {
                held.add(client.client().callJson("hold", "hold", JSON.writeValueAsString(latch.toString()), 60_000));
            }
            for (final String instanceId : List.of("hold-1", "hold-2", "hold-3"))
            {
                final Path entered = Path.of(latch + "." + instanceId + ".entered");
                Await.until(() -> Files.exists(entered), Duration.ofSeconds(20), instanceId + " holds a call");
            }

            final ChildJvm scaleDown = harness.startCli("scale-down.log", "scale", "hold", "1");
            harness.awaitState("hold-2", InstanceState.DRAINING, Duration.ofSeconds(20));
            harness.awaitState("hold-3", InstanceState.DRAINING, Duration.ofSeconds(20));
            final List<CompletableFuture<String>> after = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                after.add(client.client().callJson("hold", "whoAmI", "", 60_000));
            }
            // Held past the instances' shutdownTimeoutMs: a drain waits for what the instance holds, not for a timer.
            Await.sleep(2_500);
            assertTrue(harness.isInstanceAlive(pids.get(1), "hold-2"), "hold-2 still finishing its calls");
            assertTrue(harness.isInstanceAlive(pids.get(2), "hold-3"), "hold-3 still finishing its calls");
            assertFalse(held.stream().anyMatch(CompletableFuture::isDone), "every held call still in flight");

            Files.createFile(latch);
            final Set<String> answeredBy = new TreeSet<>();
            for (final CompletableFuture<String> call : held)
            {
                answeredBy.add(JSON.readValue(call.get(30, TimeUnit.SECONDS), String.class));
            }
            assertEquals(Set.of("hold-1", "hold-2", "hold-3"), answeredBy, "the drained instances answered theirs");
            for (final CompletableFuture<String> call : after)
            {
                assertEquals("\"hold-1\"", call.get(30, TimeUnit.SECONDS), "callers no longer pick a draining one");
            }

            assertEquals(0, scaleDown.waitForExit(Duration.ofSeconds(30)), scaleDown.logText());
            final String output = scaleDown.logText();
            assertTrue(output.contains("procmesh: hold-3 pid " + pids.get(2) + ": scaled down, drained: stopped"),
                output);
            assertTrue(output.contains("procmesh: hold-2 pid " + pids.get(1) + ": scaled down, drained: stopped"),
                output);
            assertTrue(output.contains("procmesh: scaled hold from 3 to 1 instance"), output);
        }
        assertEquals(Set.of("hold-1"), upInStatus());
        assertFalse(harness.isInstanceAlive(pids.get(1), "hold-2"));
        assertFalse(harness.isInstanceAlive(pids.get(2), "hold-3"));

        // Well past the restart backoff: a scaled-down instance is never started again.
        Await.sleep(2_000);
        assertEquals(List.of("hold-1"), harness.state().instances().stream().map(LauncherState.Instance::instanceId)
            .toList());
        assertNull(harness.instance("hold-2"));
        assertEquals(List.of(), harness.instanceProcesses("hold-2"));
        assertEquals(List.of(), harness.instanceProcesses("hold-3"));
        assertEquals(pid1, harness.instance("hold-1").pid(), "hold-1 untouched");
        assertEquals(InstanceState.UP, harness.instance("hold-1").state());
    }

    /**
     * @return the instances `procmesh status --json` shows UP.
     */
    private Set<String> upInStatus() throws IOException
    {
        final CliResult status = harness.cli("status", "--json");
        assertEquals(0, status.exitCode(), status.toString());
        final Set<String> up = new TreeSet<>();
        for (final JsonNode row : JSON.readTree(status.output()).get("instances"))
        {
            if ("UP".equals(row.get("state").asText()))
            {
                up.add(row.get("instanceId").asText());
            }
        }
        return up;
    }
}
