package io.procmesh.launcher.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.HttpResult;
import io.procmesh.core.test.Signals;
import io.procmesh.core.test.ThreadStates;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.procmesh.launcher.gateway.GatewayApiTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway while services fail, in a system started and supervised by the real launcher: a service killed
 * (SIGKILL) or stopped (SIGTERM) gets 503 with Retry-After and /health 503 naming it until the launcher has
 * restarted it, then 200; a frozen service (SIGSTOP) gets 504 at the deadline; a killed or stopped gateway is
 * restarted by the launcher on the same port. Two more gateways in the topology cannot start (the port is taken,
 * a setting is bad): each exits with its one line, which the launcher quotes, and is marked FAILED after its
 * restart limit instead of looping. Each test leaves every instance UP again.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayFailureTest
{
    private static final long DEADLINE_MS = 1_000;
    private static final long INSTANCE_STALE_MS = 3_000;
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);
    private static GatewaySystem system;
    private static String userId;

    @BeforeAll
    static void startSystem()
    {
        system = GatewaySystem.start("gateway-failure", List.of(
            "-D" + GatewayConfiguration.DEADLINE_MS_PROP_NAME + "=" + DEADLINE_MS,
            "-D" + Configuration.INSTANCE_STALE_MS_PROP_NAME + "=" + INSTANCE_STALE_MS),
            GatewayFailureTest::addBadGateways);
        final HttpResult created = system.http().awaitPost("/api/users",
            "{\"name\":\"Grace\",\"email\":\"grace@example.com\"}", result -> result.status() != 503, CHANGE_TIMEOUT);
        assertEquals(201, created.status(), created.body());
        userId = created.json().get("id").asText();
    }

    /**
     * Leaves every instance UP for the next test, whatever this one did or where it failed: resumes any frozen
     * one, then waits for the launcher to have restarted the others.
     */
    @AfterEach
    void resumeAndAwaitEveryInstance()
    {
        if (system != null)
        {
            for (final String instanceId : GatewaySystem.INSTANCES)
            {
                final LauncherState.Instance instance = system.instance(instanceId);
                if (instance != null && instance.pid() > 0 &&
                    system.harness().isInstanceAlive(instance.pid(), instanceId))
                {
                    Signals.require(instance.pid(), "CONT");
                }
            }
            system.awaitAllUp(CHANGE_TIMEOUT);
        }
    }

    @AfterAll
    static void stopSystem()
    {
        if (system != null)
        {
            system.close();
        }
    }

    @Test
    @Order(1)
    void shouldAnswer503WithRetryAfterWhileAKilledServiceIsDownAndServeAgainOnceTheLauncherRestartedIt()
    {
        final long killed = system.signal("user-1", "KILL");

        final HttpResult unavailable = system.http().awaitGet("/api/users/" + userId,
            result -> result.status() == 503, CHANGE_TIMEOUT);
        assertError(unavailable, 503, null);
        assertEquals("1", unavailable.header("retry-after"));
        assertEquals("UNAVAILABLE", unavailable.json().get("code").asText());
        assertEquals("user", unavailable.json().get("service").asText());

        final HttpResult health = system.awaitHealth(503, CHANGE_TIMEOUT);
        assertEquals("DOWN", health.json().get("status").asText());
        assertEquals("DOWN", health.json().get("services").get("user").get("state").asText(),
            "the launcher marked the killed instance DOWN: " + health.body());
        assertEquals("UP", health.json().get("services").get("order").get("state").asText());
        assertTrue(health.json().get("error").asText().contains("user"), health.body());

        final LauncherState.Instance restarted = system.awaitReplaced("user-1", killed, CHANGE_TIMEOUT);
        assertEquals(1, restarted.restarts(), restarted.toString());
        assertTrue(system.launcher().logText().contains("user-1 pid " + killed + " died: exit code 137, signal 9"),
            system.launcher().logText());
        system.awaitHealth(200, CHANGE_TIMEOUT);
        final HttpResult back = system.http().awaitGet("/api/users/" + userId, result -> result.status() == 200,
            CHANGE_TIMEOUT);
        assertEquals("Grace", back.json().get("name").asText(), "the user survived the kill");
        final JsonNode services = system.http().awaitGet("/services", result -> restarts(result, "user-1") == 1,
            CHANGE_TIMEOUT).json();
        assertEquals(restarted.pid(), instanceField(services, "user-1", "pid").asLong());
    }

    @Test
    @Order(2)
    void shouldRefuseAStoppedServiceAtOnceOnEveryRouteAndServeAgainAfterTheRestart()
    {
        final long stopped = system.signal("order-1", "TERM");
        GatewaySystem.awaitExit(stopped, CHANGE_TIMEOUT);
        assertTrue(system.instanceLog("order-1").contains("STOPPED order"), "graceful stop on SIGTERM");

        final String orderJson = "{\"userId\":\"" + userId + "\",\"item\":\"lamp\",\"quantity\":1}";
        final HttpResult unavailable = system.http().awaitPost("/api/orders", orderJson,
            result -> result.status() == 503, CHANGE_TIMEOUT);
        final long startNs = System.nanoTime();
        final HttpResult proxied = system.http().post("/rpc/order/list", "");
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertError(unavailable, 503, null);
        assertEquals("1", unavailable.header("retry-after"));
        assertEquals("order", unavailable.json().get("service").asText());
        assertError(proxied, 503, null);
        assertEquals("1", proxied.header("retry-after"));
        assertTrue(elapsedMs < DEADLINE_MS, "a stopped service is refused at once, not at the deadline: " +
            elapsedMs + " ms");

        final LauncherState.Instance restarted = system.awaitReplaced("order-1", stopped, CHANGE_TIMEOUT);
        assertEquals(1, restarted.restarts(), restarted.toString());
        system.awaitHealth(200, CHANGE_TIMEOUT);
        final HttpResult created = system.http().awaitPost("/api/orders", orderJson, result -> result.status() != 503,
            CHANGE_TIMEOUT);
        assertEquals(201, created.status(), created.body());
        final HttpResult listed = system.http().post("/rpc/order/list", "");
        assertEquals(200, listed.status(), listed.body());
    }

    @Test
    @Order(3)
    void shouldAnswer504WhenAFrozenServiceMissesTheDeadlineWithoutTheLauncherKillingIt()
    {
        final long frozen = system.signal("user-1", "STOP");
        final HttpResult timedOut;
        final long elapsedMs;
        try
        {
            ThreadStates.awaitStopped(frozen, CHANGE_TIMEOUT);
            final long startNs = System.nanoTime();
            timedOut = system.http().get("/api/users/" + userId);
            elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        }
        finally
        {
            Signals.require(frozen, "CONT");
        }
        assertError(timedOut, 504, null);
        assertEquals("DEADLINE_EXCEEDED", timedOut.json().get("code").asText());
        assertEquals("user", timedOut.json().get("service").asText());
        assertEquals("get", timedOut.json().get("operation").asText());
        assertTrue(elapsedMs >= DEADLINE_MS - 50 && elapsedMs < DEADLINE_MS + 2_000, "elapsed " + elapsedMs);

        final double timeouts = PrometheusText.parse(system.http().get("/metrics").body())
            .value("procmesh_gateway_call_timeouts_total{operation=\"get\",service=\"user\"}");
        assertTrue(timeouts >= 1, "timeouts " + timeouts);

        system.http().awaitGet("/api/users/" + userId, result -> result.status() == 200, CHANGE_TIMEOUT);
        assertEquals(frozen, system.pid("user-1"), "frozen for less than the launcher's heartbeat timeout: kept");
    }

    @Test
    @Order(4)
    void shouldAnswer504ThroughTheProxyWhenAnOperationOutlastsTheDeadline()
    {
        final long startNs = System.nanoTime();
        final HttpResult slow = system.http().post("/rpc/echo/slow", Long.toString(DEADLINE_MS + 1_000));
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertError(slow, 504, null);
        assertEquals("DEADLINE_EXCEEDED", slow.json().get("code").asText());
        assertEquals("echo", slow.json().get("service").asText());
        assertEquals("slow", slow.json().get("operation").asText());
        assertTrue(elapsedMs >= DEADLINE_MS - 50 && elapsedMs < DEADLINE_MS + 2_000, "elapsed " + elapsedMs);
        system.http().awaitPost("/rpc/echo/echo", "\"after\"", result -> result.status() == 200, CHANGE_TIMEOUT);
    }

    @Test
    @Order(5)
    void shouldGiveUpOnAGatewayWhosePortIsTakenQuotingItsOneLine()
    {
        final long servingPid = system.pid("gateway-1");
        system.harness().awaitState("clashing-1", InstanceState.FAILED, CHANGE_TIMEOUT);

        final LauncherState.Instance clashing = system.instance("clashing-1");
        assertTrue(clashing.detail().contains("died: exit code " + GatewayMain.EXIT_PORT_IN_USE), clashing.toString());
        final String oneLine = "gateway: cannot listen on 127.0.0.1:" + system.port() + ": address already in use";
        assertTrue(system.instanceLog("clashing-1").contains(oneLine), system.instanceLog("clashing-1"));
        final String log = system.launcher().logText();
        assertEquals(2, count(log, Pattern.compile("clashing-1 starting")),
            "one start and one restart, then no loop:\n" + log);
        assertEquals(2, count(log, Pattern.compile("WARN +clashing-1 pid \\d+ died: exit code 3; \\S+clashing-1\\.log " +
            "ends with: " + Pattern.quote(oneLine))), "each exit names its cause:\n" + log);
        assertTrue(log.contains("ALERT service 'clashing' FAILED: more than 1 restarts within 60 s"), log);

        assertEquals(200, system.http().get("/health").status(), "the gateway holding the port is not disturbed");
        assertEquals(servingPid, system.pid("gateway-1"));
        final JsonNode instances = system.http().get("/services").json().get("instances");
        for (final JsonNode instance : instances)
        {
            assertFalse(instance.get("instanceId").asText().startsWith("clashing"),
                "a gateway that cannot bind never joins the mesh: " + instances);
        }
    }

    @Test
    @Order(6)
    void shouldGiveUpOnAGatewayWithABadSettingQuotingItsOneLine()
    {
        system.harness().awaitState("misconfigured-1", InstanceState.FAILED, CHANGE_TIMEOUT);

        final LauncherState.Instance misconfigured = system.instance("misconfigured-1");
        assertTrue(misconfigured.detail().contains("died: exit code " + GatewayMain.EXIT_BAD_SETTING),
            misconfigured.toString());
        final String oneLine = "gateway: procmesh.gateway.deadlineMs must be a whole number, was 'soon'";
        final String log = system.launcher().logText();
        assertEquals(2, count(log, Pattern.compile("misconfigured-1 starting")), log);
        assertEquals(2, count(log, Pattern.compile("WARN +misconfigured-1 pid \\d+ died: exit code 2; " +
            "\\S+misconfigured-1\\.log ends with: " + Pattern.quote(oneLine))), "each exit names its cause:\n" + log);
        assertTrue(log.contains("ALERT service 'misconfigured' FAILED"), log);
    }

    @Test
    @Order(7)
    void shouldServeAgainOnTheSamePortAfterTheLauncherRestartedAKilledGateway()
    {
        final long killed = system.signal("gateway-1", "KILL");

        final LauncherState.Instance restarted = system.awaitReplaced("gateway-1", killed, CHANGE_TIMEOUT);
        assertEquals(1, restarted.restarts(), restarted.toString());
        system.awaitHealth(200, CHANGE_TIMEOUT);
        assertEquals(system.port(), system.gatewayReadyPort(), system.instanceLog("gateway-1"));
        final HttpResult user = system.http().get("/api/users/" + userId);
        assertEquals(200, user.status(), user.body());
        final JsonNode services = system.http().awaitGet("/services", result -> restarts(result, "gateway-1") >= 1,
            CHANGE_TIMEOUT).json();
        assertEquals(1, restarts(services, "gateway-1"));
        assertEquals(restarted.pid(), instanceField(services, "gateway-1", "pid").asLong());
    }

    @Test
    @Order(8)
    void shouldStopGracefullyOnSigtermAndBeRestartedByTheLauncher()
    {
        final long stopped = system.signal("gateway-1", "TERM");
        GatewaySystem.awaitExit(stopped, CHANGE_TIMEOUT);
        assertTrue(system.instanceLog("gateway-1").contains("STOPPED gateway-1"), system.instanceLog("gateway-1"));
        // The launcher logs the exit once it has reaped the child, which on a loaded host can come after the pid
        // is gone from the test's view.
        final String exitLine = "gateway-1 pid " + stopped + " died: exit code 143, signal 15";
        Await.until(() -> system.launcher().logText().contains(exitLine), CHANGE_TIMEOUT,
            () -> system.launcher().logText());

        system.awaitReplaced("gateway-1", stopped, CHANGE_TIMEOUT);
        system.awaitHealth(200, CHANGE_TIMEOUT);
    }

    private static long restarts(final HttpResult services, final String instanceId)
    {
        return restarts(services.json(), instanceId);
    }

    private static long restarts(final JsonNode services, final String instanceId)
    {
        final JsonNode restarts = instanceField(services, instanceId, "restarts");
        return restarts == null ? -1 : restarts.asLong();
    }

    private static JsonNode instanceField(final JsonNode services, final String instanceId, final String field)
    {
        for (final JsonNode instance : services.get("instances"))
        {
            if (instance.get("instanceId").asText().equals(instanceId))
            {
                return instance.get(field);
            }
        }
        return null;
    }

    private static int count(final String text, final Pattern pattern)
    {
        final Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find())
        {
            count++;
        }
        return count;
    }

    /**
     * Two gateways that cannot start: one on the system gateway's port, one with a bad setting.
     */
    private static void addBadGateways(final TopologyYaml topology, final int port)
    {
        topology
            .service("clashing", TopologyYaml.GATEWAY, "dependsOn: [gateway]",
                "jvmOptions: [-Dprocmesh.gateway.port=" + port + "]",
                "restart: {initialBackoffMs: 100, maxRestarts: 1}")
            .service("misconfigured", TopologyYaml.GATEWAY,
                "jvmOptions: [-Dprocmesh.gateway.port=0, -Dprocmesh.gateway.deadlineMs=soon]",
                "restart: {initialBackoffMs: 100, maxRestarts: 1}");
    }
}
