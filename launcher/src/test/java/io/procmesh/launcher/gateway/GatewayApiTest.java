package io.procmesh.launcher.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.procmesh.core.test.HttpResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route, the generic proxy and the request errors, over real HTTP against a system started by the real
 * launcher ({@code procmesh up}): the demo services, the echo service and the gateway, each in its own JVM.
 * Failures of services (503, 504, restarts) are in {@link GatewayFailureTest}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class GatewayApiTest
{
    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static GatewaySystem system;

    @BeforeAll
    static void startSystem()
    {
        system = GatewaySystem.start("gateway-api", List.of(), (topology, port) -> { },
            FleetRegistryChecks.LAUNCHER_PROPERTIES);
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
    void shouldCreateGetAndListUsers()
    {
        final String email = "ada" + UNIQUE.incrementAndGet() + "@example.com";
        final HttpResult created = system.http().post("/api/users", "{\"name\":\"Ada\",\"email\":\"" + email + "\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals("application/json", created.header("content-type"));
        final String id = created.json().get("id").asText();
        assertTrue(id.startsWith("u-"), created.body());
        assertEquals(email, created.json().get("email").asText());

        final HttpResult fetched = system.http().get("/api/users/" + id);
        assertEquals(200, fetched.status(), fetched.body());
        assertEquals("Ada", fetched.json().get("name").asText());

        final HttpResult listed = system.http().get("/api/users");
        assertEquals(200, listed.status(), listed.body());
        assertTrue(containsId(listed.json(), id), listed.body());
    }

    @Test
    void shouldCreateOrderReadItAndDeliverNotification()
    {
        final String userId = createUser();
        final HttpResult order = system.http().post("/api/orders",
            "{\"userId\":\"" + userId + "\",\"item\":\"book\",\"quantity\":2}");
        assertEquals(201, order.status(), order.body());
        final JsonNode body = order.json();
        final String orderId = body.get("id").asText();
        assertEquals(userId, body.get("userId").asText());
        assertEquals("book", body.get("item").asText());
        assertEquals(2, body.get("quantity").asInt());
        assertEquals("CREATED", body.get("status").asText());

        final HttpResult byId = system.http().get("/api/orders/" + orderId);
        assertEquals(200, byId.status(), byId.body());
        assertEquals(orderId, byId.json().get("id").asText());

        final HttpResult byUser = system.http().get("/api/orders?userId=" + userId);
        assertEquals(200, byUser.status(), byUser.body());
        assertEquals(1, byUser.json().size(), byUser.body());
        assertTrue(containsId(system.http().get("/api/orders").json(), orderId));

        final HttpResult notifications = system.http().awaitGet("/api/notifications?userId=" + userId,
            result -> result.status() == 200 && result.json().size() == 1, Duration.ofSeconds(20));
        assertEquals(orderId, notifications.json().get(0).get("orderId").asText());
        assertEquals(200, system.http().get("/api/notifications").status());
    }

    @Test
    void shouldCallAnyServiceThroughTheGenericProxy()
    {
        final String userId = createUser();
        final HttpResult user = system.http().post("/rpc/user/get", "\"" + userId + "\"");
        assertEquals(200, user.status(), user.body());
        assertEquals(userId, user.json().get("id").asText());

        final HttpResult echo = system.http().post("/rpc/echo/echo", "\"hello\"");
        assertEquals(200, echo.status(), echo.body());
        assertEquals("hello", echo.json().asText());

        final HttpResult sum = system.http().post("/rpc/echo/add", "{\"a\":2,\"b\":3}");
        assertEquals(200, sum.status(), sum.body());
        assertEquals(5, sum.json().get("value").asInt());

        final HttpResult noArgument = system.http().send(system.http().request("/rpc/user/list")
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, noArgument.status(), noArgument.body());
        assertTrue(noArgument.json().isArray());
    }

    @Test
    void shouldAnswer400NamingTheFieldForBadBodies()
    {
        assertError(system.http().post("/api/users", "{\"name\":\"x\""), 400, "body");
        assertError(system.http().post("/api/users", "{\"name\":5,\"email\":\"a@b.co\"}"), 400, "name");
        assertError(system.http().post("/api/users", "{\"name\":\"Ada\"}"), 400, "email");
        assertError(system.http().post("/api/users", "{\"name\":\"Ada\",\"email\":\"a@b.co\",\"age\":3}"), 400, "age");
        assertError(system.http().post("/api/users", "[1,2]"), 400, "body");
        assertError(system.http().send(system.http().request("/api/users").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.noBody()).build()), 400, "body");

        final String userId = createUser();
        assertError(system.http().post("/api/orders", order(userId, "\"two\"")), 400, "quantity");
        assertError(system.http().post("/api/orders", order(userId, "0")), 400, "quantity");
        assertError(system.http().post("/api/orders", order(userId, "-3")), 400, "quantity");
        assertError(system.http().post("/api/orders", "{\"userId\":\"" + userId + "\",\"quantity\":1}"), 400, "item");
        assertError(system.http().get("/api/orders?userId="), 400, "userId");
        assertError(system.http().post("/rpc/echo/echo", "\"a\" \"b\""), 400, "body");
    }

    @Test
    void shouldAnswer404ForUnknownRoutesAndEntities()
    {
        final HttpResult route = system.http().get("/api/nothing");
        assertError(route, 404, null);
        assertEquals("NOT_FOUND", route.json().get("code").asText());

        final HttpResult user = system.http().get("/api/users/u-does-not-exist");
        assertError(user, 404, null);
        assertEquals("user", user.json().get("service").asText());
        assertEquals("get", user.json().get("operation").asText());

        assertError(system.http().get("/api/orders/o-does-not-exist"), 404, null);
        assertError(system.http().post("/rpc/nosuchservice/op", "1"), 404, null);
        final HttpResult operation = system.http().post("/rpc/user/nosuchoperation", "1");
        assertError(operation, 404, null);
        assertEquals("nosuchoperation", operation.json().get("operation").asText());
    }

    @Test
    void shouldAnswer405WithAllowHeader()
    {
        final HttpResult delete = system.http().send(system.http().request("/api/users").DELETE().build());
        assertError(delete, 405, null);
        assertEquals("POST, GET, HEAD", delete.header("allow"));

        final HttpResult getRpc = system.http().get("/rpc/user/get");
        assertError(getRpc, 405, null);
        assertEquals("POST", getRpc.header("allow"));

        final HttpResult postHealth = system.http().post("/health", "{}");
        assertError(postHealth, 405, null);
        assertEquals("GET, HEAD", postHealth.header("allow"));
    }

    @Test
    void shouldAnswerHeadLikeGetWithoutABody()
    {
        final String userId = createUser();
        final HttpResult user = system.http().send(system.http().request("/api/users/" + userId)
            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, user.status());
        assertEquals("application/json", user.header("content-type"));
        assertEquals("", user.body());

        final HttpResult health = system.http().send(system.http().request("/health")
            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, health.status());
        assertEquals("", health.body());

        final HttpResult unknown = system.http().send(system.http().request("/api/users/u-does-not-exist")
            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(404, unknown.status());
        assertEquals("", unknown.body());

        final HttpResult rpc = system.http().send(system.http().request("/rpc/user/list")
            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, rpc.status());
        assertEquals("POST", rpc.header("allow"));
    }

    @Test
    void shouldAnswer413ForBodiesOver64KiB()
    {
        final String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\",\"email\":\"big@example.com\"}";
        assertError(system.http().post("/api/users", big), 413, null);

        final byte[] bytes = big.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final HttpResult chunked = system.http().send(system.http().request("/api/users")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build());
        assertError(chunked, 413, null);

        final String justUnder = "{\"name\":\"" + "y".repeat(60 * 1024) + "\",\"email\":\"under@example.com\"}";
        final HttpResult accepted = system.http().post("/api/users", justUnder);
        assertEquals(400, accepted.status(), "read fully and rejected by the service for the long name");
        assertEquals("name", accepted.json().get("field").asText());
    }

    @Test
    void shouldAnswer415ForBodiesThatAreNotJson()
    {
        final HttpResult text = system.http().send(system.http().request("/api/users")
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("name=Ada")).build());
        assertError(text, 415, null);

        final HttpResult form = system.http().send(system.http().request("/rpc/echo/echo")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("a=b")).build());
        assertError(form, 415, null);
    }

    @Test
    void shouldAnswer409ForDuplicateEmailAnd422ForUnknownUser()
    {
        final String email = "dup" + UNIQUE.incrementAndGet() + "@example.com";
        assertEquals(201, system.http().post("/api/users", "{\"name\":\"A\",\"email\":\"" + email + "\"}").status());
        final HttpResult duplicate = system.http().post("/api/users", "{\"name\":\"B\",\"email\":\"" + email + "\"}");
        assertError(duplicate, 409, "email");
        assertEquals("CONFLICT", duplicate.json().get("code").asText());

        final HttpResult unknownUser = system.http().post("/api/orders", order("u-nobody", "1"));
        assertError(unknownUser, 422, "userId");
        assertEquals("order", unknownUser.json().get("service").asText());
    }

    @Test
    void shouldAnswer502ForRemoteInternalErrors()
    {
        final HttpResult failed = system.http().post("/rpc/echo/fail", "\"boom\"");
        assertError(failed, 502, null);
        assertEquals("INTERNAL", failed.json().get("code").asText());
        assertEquals("echo.fail failed with an internal error; the log of service 'echo' has the details",
            failed.json().get("error").asText(), "no exception type or message of the service: " + failed.body());
        assertEquals("echo", failed.json().get("service").asText());
        assertEquals("fail", failed.json().get("operation").asText());
    }

    @Test
    void shouldReportHealthAndServices()
    {
        final HttpResult health = system.http().get("/health");
        assertEquals(200, health.status(), health.body());
        assertEquals("UP", health.json().get("status").asText());
        for (final String service : List.of("user", "order", "notification"))
        {
            final JsonNode state = health.json().get("services").get(service);
            assertEquals("UP", state.get("state").asText(), health.body());
            assertTrue(state.get("required").asBoolean());
        }

        final HttpResult services = system.http().get("/services");
        assertEquals(200, services.status(), services.body());
        boolean sawUser = false;
        for (final JsonNode instance : services.json().get("instances"))
        {
            if (instance.get("instanceId").asText().equals("user-1"))
            {
                sawUser = true;
                assertEquals("user", instance.get("service").asText());
                assertEquals("UP", instance.get("state").asText());
                assertEquals(system.pid("user-1"), instance.get("pid").asLong(), "the pid the launcher reports");
                assertTrue(instance.get("heartbeatAgeMs").asLong() >= 0);
                assertTrue(instance.get("uptimeMs").asLong() >= 0);
                assertEquals(0, instance.get("restarts").asLong());
                assertTrue(instance.get("counters").has("requestsIn"));
                assertTrue(instance.get("counters").has("inboxBacklog"));
            }
            FleetRegistryChecks.assertMetadata(instance, services.body());
        }
        assertTrue(sawUser, services.body());
    }

    @Test
    void shouldDropAnExitedClientAfterGraceKeepSupervisedInstancesAndShowMetadataInStatus() throws Exception
    {
        FleetRegistryChecks.exitedClientLeavesAfterGrace(system, FleetRegistryChecks.RECLAIM_GRACE_MS);
    }

    @Test
    void shouldExposeParseablePrometheusMetricsWhoseCountersMove()
    {
        final String userId = createUser();
        final String callsSeries = "procmesh_gateway_calls_total{operation=\"get\",service=\"user\"}";
        final HttpResult before = system.http().get("/metrics");
        assertEquals(200, before.status());
        assertTrue(before.header("content-type").startsWith("text/plain"), before.header("content-type"));
        final PrometheusText first = PrometheusText.parse(before.body());
        // The instance's series carry the version it registered with, one series per instance.
        final List<String> slotSeriesFound = first.seriesStartingWith(
            "procmesh_instance_requests_in_total{instance=\"user-1\",service=\"user\",version=\"");
        assertEquals(1, slotSeriesFound.size(), slotSeriesFound.toString());
        final String slotSeries = slotSeriesFound.get(0);
        final double callsBefore = first.valueOr(callsSeries, 0);
        final double slotBefore = first.value(slotSeries);

        for (int i = 0; i < 5; i++)
        {
            assertEquals(200, system.http().get("/api/users/" + userId).status());
        }

        final PrometheusText after = PrometheusText.parse(system.http().get("/metrics").body());
        assertEquals(callsBefore + 5, after.value(callsSeries), 0.0);
        assertTrue(after.has("procmesh_gateway_call_latency_seconds_bucket"));
        assertTrue(after.has("procmesh_instance_heartbeat_age_seconds"));
        assertTrue(after.has("procmesh_instance_inbox_backlog"));
        assertTrue(after.has("procmesh_instance_restarts_total"));
        system.http().awaitGet("/metrics",
            result -> PrometheusText.parse(result.body()).value(slotSeries) >= slotBefore + 5, Duration.ofSeconds(10));
    }

    @Test
    void shouldStayUpAfterGarbageRequests() throws Exception
    {
        final String garbage = rawExchange("NOT HTTP AT ALL\r\n\r\n");
        assertTrue(garbage.startsWith("HTTP/1.1 400"), garbage);

        final String badEscape = rawExchange("GET /api/users/%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(badEscape.startsWith("HTTP/1.1 400"), badEscape);
        assertTrue(badEscape.contains("\"error\":"), "Jetty's own rejections are JSON errors too: " + badEscape);

        final long gatewayPid = system.pid("gateway-1");
        assertEquals(200, system.http().get("/health").status());
        assertTrue(system.harness().isInstanceAlive(gatewayPid, "gateway-1"));
        assertEquals(gatewayPid, system.pid("gateway-1"), "not restarted by the launcher either");
    }

    private static String rawExchange(final String request) throws Exception
    {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", system.port()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String createUser()
    {
        final HttpResult created = system.http().post("/api/users",
            "{\"name\":\"User\",\"email\":\"user" + UNIQUE.incrementAndGet() + "-" + System.nanoTime() + "@example.com\"}");
        assertEquals(201, created.status(), created.body());
        return created.json().get("id").asText();
    }

    private static String order(final String userId, final String quantity)
    {
        return "{\"userId\":\"" + userId + "\",\"item\":\"pen\",\"quantity\":" + quantity + "}";
    }

    private static boolean containsId(final JsonNode array, final String id)
    {
        for (final JsonNode element : array)
        {
            if (element.get("id").asText().equals(id))
            {
                return true;
            }
        }
        return false;
    }

    static void assertError(final HttpResult result, final int status, final String field)
    {
        assertEquals(status, result.status(), result.body());
        assertTrue(result.header("content-type").startsWith("application/json"), result.header("content-type"));
        final JsonNode body = result.json();
        assertTrue(body.hasNonNull("error") && !body.get("error").asText().isBlank(), result.body());
        if (field != null)
        {
            assertEquals(field, body.path("field").asText(null), result.body());
        }
        assertFalse(body.has("stack"), result.body());
    }
}
