package io.procmesh.launcher.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.procmesh.core.test.ChildJvm;
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

import static io.procmesh.launcher.gateway.GatewayApiTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway while services fail: 503 with Retry-After while a service is stopped or killed, /health 503 naming
 * it and back to 200 after a restart, 504 when a frozen service misses the deadline, and the gateway's own
 * start-up failures and graceful stop. Each test leaves every service running again.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayFailureTest
{
    private static final long DEADLINE_MS = 1_000;
    private static final long HEARTBEAT_TIMEOUT_MS = 3_000;
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);
    private static GatewaySystem system;
    private static String userId;

    @BeforeAll
    static void startSystem()
    {
        system = GatewaySystem.start("gateway-failure", List.of(
            "-D" + GatewayConfiguration.DEADLINE_MS_PROP_NAME + "=" + DEADLINE_MS,
            "-D" + GatewayConfiguration.HEARTBEAT_TIMEOUT_MS_PROP_NAME + "=" + HEARTBEAT_TIMEOUT_MS));
        final HttpResult created = system.post("/api/users", "{\"name\":\"Grace\",\"email\":\"grace@example.com\"}");
        assertEquals(201, created.status(), created.body());
        userId = created.json().get("id").asText();
    }

    /**
     * Leaves every service running for the next test, whatever this one did or where it failed.
     */
    @AfterEach
    void resumeAndRestartServices()
    {
        if (system != null)
        {
            for (final String instanceId : List.of("user-1", "order-1", "notification-1"))
            {
                final ChildJvm child = system.child(instanceId);
                if (child.isAlive())
                {
                    child.signal("CONT");
                }
                else
                {
                    system.restartService(instanceId);
                }
            }
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
    void shouldAnswer503WithRetryAfterWhileServiceIsStoppedAndRecoverAfterRestart()
    {
        final ChildJvm user = system.child("user-1");
        user.signal("TERM");
        assertGracefulExit(user, "STOPPED user");

        final HttpResult unavailable = system.awaitGet("/api/users/" + userId,
            result -> result.status() == 503, CHANGE_TIMEOUT);
        assertError(unavailable, 503, null);
        assertEquals("1", unavailable.header("retry-after"));
        assertEquals("UNAVAILABLE", unavailable.json().get("code").asText());
        assertEquals("user", unavailable.json().get("service").asText());

        final HttpResult health = system.awaitHealth(503, CHANGE_TIMEOUT);
        assertEquals("DOWN", health.json().get("status").asText());
        assertEquals("DOWN", health.json().get("services").get("user").get("state").asText());
        assertEquals("UP", health.json().get("services").get("order").get("state").asText());
        assertTrue(health.json().get("error").asText().contains("user"), health.body());

        system.restartService("user-1");
        system.awaitHealth(200, CHANGE_TIMEOUT);
        final HttpResult back = system.awaitGet("/api/users/" + userId, result -> result.status() == 200,
            CHANGE_TIMEOUT);
        assertEquals("Grace", back.json().get("name").asText());
    }

    @Test
    @Order(2)
    void shouldAnswer503WhenServiceIsKilledAndServeAgainAfterRestart()
    {
        system.child("order-1").kill9();

        final HttpResult health = system.awaitHealth(503, CHANGE_TIMEOUT);
        assertEquals("UNRESPONSIVE", health.json().get("services").get("order").get("state").asText(), health.body());
        final long startNs = System.nanoTime();
        final HttpResult unavailable = system.post("/api/orders",
            "{\"userId\":\"" + userId + "\",\"item\":\"lamp\",\"quantity\":1}");
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        assertError(unavailable, 503, null);
        assertEquals("1", unavailable.header("retry-after"));
        assertTrue(elapsedMs < DEADLINE_MS, "a dead service is refused at once, not after the deadline: " + elapsedMs);

        final JsonNode services = system.get("/services").json().get("instances");
        for (final JsonNode instance : services)
        {
            if (instance.get("instanceId").asText().equals("order-1"))
            {
                assertEquals("UNRESPONSIVE", instance.get("state").asText());
            }
        }

        system.restartService("order-1");
        system.awaitHealth(200, CHANGE_TIMEOUT);
        final HttpResult created = system.post("/api/orders",
            "{\"userId\":\"" + userId + "\",\"item\":\"lamp\",\"quantity\":1}");
        assertEquals(201, created.status(), created.body());
        final JsonNode restarted = system.awaitGet("/services", result -> restarts(result, "order-1") == 1,
            CHANGE_TIMEOUT).json();
        assertEquals(1, restarts(restarted, "order-1"));
    }

    @Test
    @Order(3)
    void shouldAnswer504WhenFrozenServiceMissesTheDeadline()
    {
        final ChildJvm user = system.child("user-1");
        user.signal("STOP");
        final long startNs = System.nanoTime();
        final HttpResult timedOut = system.get("/api/users/" + userId);
        final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        assertError(timedOut, 504, null);
        assertEquals("DEADLINE_EXCEEDED", timedOut.json().get("code").asText());
        assertEquals("get", timedOut.json().get("operation").asText());
        assertTrue(elapsedMs >= DEADLINE_MS - 50 && elapsedMs < DEADLINE_MS + 2_000, "elapsed " + elapsedMs);

        final double timeouts = PrometheusText.parse(system.get("/metrics").body())
            .value("procmesh_gateway_call_timeouts_total{operation=\"get\",service=\"user\"}");
        assertTrue(timeouts >= 1, "timeouts " + timeouts);

        user.signal("CONT");
        system.awaitGet("/api/users/" + userId, result -> result.status() == 200, CHANGE_TIMEOUT);
    }

    @Test
    @Order(4)
    void shouldExitWithOneLineWhenPortIsInUse()
    {
        final ChildJvm second = system.launchExtraGateway("gateway-2",
            List.of("-D" + GatewayConfiguration.PORT_PROP_NAME + "=" + system.port()));
        assertEquals(GatewayMain.EXIT_PORT_IN_USE, second.waitForExit(Duration.ofSeconds(60)), second.logText());
        assertTrue(second.logText().contains("gateway: cannot listen on 127.0.0.1:" + system.port() +
            ": address already in use"), second.logText());

        assertEquals(200, system.get("/health").status(), "the gateway holding the port is not disturbed");
        final JsonNode instances = system.get("/services").json().get("instances");
        boolean sawSecond = false;
        for (final JsonNode instance : instances)
        {
            sawSecond |= instance.get("instanceId").asText().equals("gateway-2");
        }
        assertTrue(!sawSecond, "a gateway that cannot bind never joins the mesh");
    }

    @Test
    @Order(5)
    void shouldExitWithOneLineForABadSetting()
    {
        final ChildJvm bad = system.launchExtraGateway("gateway-3",
            List.of("-D" + GatewayConfiguration.DEADLINE_MS_PROP_NAME + "=soon"));
        assertEquals(GatewayMain.EXIT_BAD_SETTING, bad.waitForExit(Duration.ofSeconds(60)), bad.logText());
        assertTrue(bad.logText().contains(
            "gateway: procmesh.gateway.deadlineMs must be a whole number, was 'soon'"), bad.logText());
    }

    @Test
    @Order(6)
    void shouldServeAgainAfterTheGatewayIsKilledAndRestarted()
    {
        system.child("gateway-1").kill9();
        system.restartGateway();

        system.awaitHealth(200, CHANGE_TIMEOUT);
        final HttpResult user = system.get("/api/users/" + userId);
        assertEquals(200, user.status(), user.body());
        final JsonNode services = system.awaitGet("/services", result -> restarts(result, "gateway-1") >= 1,
            CHANGE_TIMEOUT).json();
        assertEquals(1, restarts(services, "gateway-1"));
    }

    @Test
    @Order(7)
    void shouldStopGracefullyOnSigterm()
    {
        final ChildJvm gateway = system.child("gateway-1");
        gateway.signal("TERM");
        assertGracefulExit(gateway, "STOPPED gateway-1");
    }

    /**
     * A JVM stopped by SIGTERM exits with 143 (128 + 15) even after its shutdown hooks ran; the STOPPED line
     * printed at the end of main is what shows the stop was graceful.
     */
    private static void assertGracefulExit(final ChildJvm child, final String stoppedLine)
    {
        final int exitCode = child.waitForExit(Duration.ofSeconds(30));
        assertTrue(exitCode == 0 || exitCode == 143, "exit code " + exitCode + "\n" + child.logText());
        assertTrue(child.logText().contains(stoppedLine), child.logText());
    }

    private static long restarts(final HttpResult services, final String instanceId)
    {
        return restarts(services.json(), instanceId);
    }

    private static long restarts(final JsonNode services, final String instanceId)
    {
        for (final JsonNode instance : services.get("instances"))
        {
            if (instance.get("instanceId").asText().equals(instanceId))
            {
                return instance.get("restarts").asLong();
            }
        }
        return -1;
    }
}
