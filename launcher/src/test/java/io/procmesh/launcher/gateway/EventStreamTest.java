package io.procmesh.launcher.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.test.HttpResult;
import io.procmesh.launcher.testing.CliResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, events over HTTP: the demo's {@code orders} topic as Server-Sent Events from the gateway of a system the
 * real launcher started, read with a real HTTP client. A client that disconnects and reconnects with
 * {@code Last-Event-ID} gets every order created meanwhile, once; bad requests get JSON errors; quiet streams get
 * keep-alives; and {@code procmesh down} ends open streams cleanly instead of waiting on them.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventStreamTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);
    private static final String KEEP_ALIVE_MS = "400";
    private static GatewaySystem system;
    private static int sequence;

    @BeforeAll
    static void startSystem()
    {
        system = GatewaySystem.start("event-streams",
            List.of("-Dprocmesh.gateway.eventsKeepAliveMs=" + KEEP_ALIVE_MS), (topology, port) -> { });
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
    void shouldStreamNewOrdersAndResumeAfterTheLastEventIdWithNoGapOrRepeat() throws Exception
    {
        final String userId = createUser();
        final List<String> seen = new ArrayList<>();
        final String lastId;
        try (SseClient stream = SseClient.open(uri("/events/orders"), null))
        {
            assertEquals(200, stream.status());
            assertEquals("text/event-stream;charset=utf-8", stream.contentType().replace(" ", ""));
            final List<String> created = createOrders(userId, 3);
            long previousId = 0;
            for (final String orderId : created)
            {
                final SseClient.Event event = stream.next(EVENT_TIMEOUT);
                assertNotNull(event, "no event for order " + orderId + " within " + EVENT_TIMEOUT);
                assertEquals("OrderCreated", event.name());
                final JsonNode data = JSON.readTree(event.data());
                assertEquals(orderId, data.path("orderId").asText(), event.data());
                assertEquals(userId, data.path("userId").asText(), event.data());
                final long id = Long.parseLong(event.id());
                assertTrue(id > previousId, "ids increase: " + id + " after " + previousId);
                previousId = id;
                seen.add(orderId);
            }
            lastId = String.valueOf(previousId);
        }

        // Disconnected: these are published while no stream reads the topic.
        final List<String> missed = createOrders(userId, 4);
        try (SseClient resumed = SseClient.open(uri("/events/orders"), lastId))
        {
            assertEquals(200, resumed.status());
            for (final String orderId : missed)
            {
                final SseClient.Event event = resumed.next(EVENT_TIMEOUT);
                assertNotNull(event, "order " + orderId + " created while disconnected was not sent on resuming");
                assertEquals(orderId, JSON.readTree(event.data()).path("orderId").asText(),
                    "resumed out of order or with a repeat of " + seen);
            }
            assertNull(resumed.next(Duration.ofMillis(500)), "more events than the orders created");
        }
    }

    @Test
    @Order(2)
    void shouldSendKeepAlivesWhileTheTopicIsQuiet() throws Exception
    {
        try (SseClient stream = SseClient.open(uri("/events/orders"), null))
        {
            assertEquals(200, stream.status());
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stream.comments() < 2 && System.nanoTime() - deadlineNs < 0)
            {
                Thread.sleep(50);
            }
            assertTrue(stream.comments() >= 2, "keep-alive comments every " + KEEP_ALIVE_MS + " ms: " +
                stream.comments());
        }
    }

    @Test
    @Order(3)
    void shouldAnswerAnUnlistedTopicOrABadLastEventIdWithAJsonError()
    {
        final HttpResult unlisted = system.http().get("/events/users");
        assertEquals(404, unlisted.status(), unlisted.body());
        assertTrue(unlisted.json().path("error").asText().contains("gateway.events lists [orders]"),
            unlisted.body());

        final HttpResult notANumber = getWithLastEventId("abc");
        assertEquals(400, notANumber.status(), notANumber.body());
        assertEquals("Last-Event-ID", notANumber.json().path("field").asText(), notANumber.body());

        final HttpResult pastTheEnd = getWithLastEventId(String.valueOf(Long.MAX_VALUE));
        assertEquals(400, pastTheEnd.status(), pastTheEnd.body());
        assertTrue(pastTheEnd.json().path("error").asText().contains("has no event with id"), pastTheEnd.body());

        final HttpResult negative = system.http().get("/events/orders?lastEventId=-5");
        assertEquals(400, negative.status(), negative.body());
        assertEquals("lastEventId", negative.json().path("field").asText(), negative.body());

        assertEquals(200, system.http().get("/health").status(), "the gateway stays up");
    }

    @Test
    @Order(4)
    void shouldEndOpenStreamsCleanlyWhenTheSystemGoesDown() throws Exception
    {
        try (SseClient stream = SseClient.open(uri("/events/orders"), null))
        {
            assertEquals(200, stream.status());
            final CliResult down = system.harness().cli("down");
            assertEquals(0, down.exitCode(), down.toString());
            final SseClient.End end = stream.awaitEnd(Duration.ofSeconds(30));
            assertNotNull(end, "the stream did not end when the gateway stopped");
            assertNull(end.error(), "the stream was cut instead of ended");
        }
        assertTrue(!system.instanceLog("gateway-1").contains("did not stop cleanly"),
            system.instanceLog("gateway-1"));
    }

    private HttpResult getWithLastEventId(final String id)
    {
        return system.http().send(system.http().request("/events/orders").header("Last-Event-ID", id).GET().build());
    }

    private static URI uri(final String path)
    {
        return system.http().uri(path);
    }

    private static String createUser()
    {
        final HttpResult user = system.http().post("/api/users",
            "{\"name\":\"Sse\",\"email\":\"sse" + (++sequence) + "@example.com\"}");
        assertEquals(201, user.status(), user.body());
        return user.json().path("id").asText();
    }

    private static List<String> createOrders(final String userId, final int count)
    {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final HttpResult order = system.http().post("/api/orders",
                "{\"userId\":\"" + userId + "\",\"item\":\"item-" + (++sequence) + "\",\"quantity\":1}");
            assertEquals(201, order.status(), order.body());
            ids.add(order.json().path("id").asText());
        }
        return ids;
    }
}
