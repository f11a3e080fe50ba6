package io.procmesh.launcher.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.test.HttpTestClient;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The load of a chaos run: creates users (unique emails) and orders for users created earlier through the
 * gateway, asks the stateless pricing service for a quote (1 request in 8), and records every request's outcome.
 * Each order's item is unique, so an order executed twice shows as the same item listed twice.
 */
final class ChaosClient implements Runnable
{
    /** The gateway's deadline (procmesh.defaultDeadlineMs) plus 3 s: no answer by then is a hang. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final int CONNECT_ERROR = -1;
    static final int HANG = -2;
    static final long READ_RETRY_MS = 30_000;
    static final java.util.concurrent.atomic.AtomicInteger READ_RETRIES = new java.util.concurrent.atomic.AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2 units at the topology's 250 cents. */
    static final String QUOTE = "{\"sku\": \"a\", \"qty\": 2}";
    static final String QUOTE_ANSWER = "500";

    private final int clientId;
    private final HttpTestClient http;
    private final long endNs;
    private final ChaosLog log;
    private int sequence;

    ChaosClient(final int clientId, final HttpTestClient http, final long endNs, final ChaosLog log)
    {
        this.clientId = clientId;
        this.http = http;
        this.endNs = endNs;
        this.log = log;
    }

    @Override
    public void run()
    {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() - endNs < 0 && !Thread.currentThread().isInterrupted())
        {
            final String userId = log.randomUser(random);
            final int n = ++sequence;
            final int pick = random.nextInt(8);
            if (userId == null || pick < 2)
            {
                final String email = "c" + clientId + "-" + n + "@chaos.test";
                post(ChaosLog.Kind.USER, "/api/users",
                    "{\"name\":\"chaos " + clientId + "-" + n + "\",\"email\":\"" + email + "\"}", null, null);
            }
            else if (pick == 2)
            {
                post(ChaosLog.Kind.QUOTE, "/rpc/pricing/quote", QUOTE, null, null);
            }
            else
            {
                final String item = "item-c" + clientId + "-" + n;
                post(ChaosLog.Kind.ORDER, "/api/orders",
                    "{\"userId\":\"" + userId + "\",\"item\":\"" + item + "\",\"quantity\":1}", userId, item);
            }
            sleep(20 + random.nextInt(31));
        }
    }

    private void post(
        final ChaosLog.Kind kind, final String path, final String body, final String userId, final String item)
    {
        final HttpRequest request = http.request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        final long startNs = System.nanoTime();
        int status;
        String id = null;
        String error = null;
        try
        {
            final HttpResponse<String> response = http.exchange(request);
            status = response.statusCode();
            if (status == 200 && kind == ChaosLog.Kind.QUOTE)
            {
                id = response.body().strip();
            }
            else if (status == 201)
            {
                id = JSON.readTree(response.body()).path("id").asText(null);
            }
        }
        catch (final HttpConnectTimeoutException ex)
        {
            status = CONNECT_ERROR;
            error = ex.toString();
        }
        catch (final HttpTimeoutException ex)
        {
            status = HANG;
            error = ex.toString();
        }
        catch (final IOException ex)
        {
            status = CONNECT_ERROR;
            error = ex.toString();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return;
        }
        log.record(new ChaosLog.Request(kind, clientId, startNs, System.nanoTime() - startNs, status, id, userId,
            item, error));
    }

    /**
     * A checker's read: a 503 or 504 (an instance briefly unavailable, e.g. a heartbeat late on a loaded host) is
     * retried for up to {@link #READ_RETRY_MS}; any other status fails at once. Whether every service stays UP
     * is a separate invariant; this only makes sure the data is read.
     */
    static JsonNode getJson(final HttpTestClient http, final String path) throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(READ_RETRY_MS);
        while (true)
        {
            final HttpResponse<String> response = http.exchange(http.request(path).GET().build());
            if (response.statusCode() == 200)
            {
                return JSON.readTree(response.body());
            }
            final boolean unavailable = response.statusCode() == 503 || response.statusCode() == 504;
            if (!unavailable || System.nanoTime() - deadlineNs > 0)
            {
                throw new IOException("GET " + path + " -> " + response.statusCode() + " " + response.body());
            }
            READ_RETRIES.incrementAndGet();
            Thread.sleep(500);
        }
    }

    static int getStatus(final HttpTestClient http, final String path)
    {
        try
        {
            return http.exchange(http.request(path).GET().build()).statusCode();
        }
        catch (final IOException ex)
        {
            return CONNECT_ERROR;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return CONNECT_ERROR;
        }
    }

    static List<JsonNode> elements(final JsonNode array)
    {
        final java.util.ArrayList<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
