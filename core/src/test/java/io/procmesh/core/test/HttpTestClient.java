package io.procmesh.core.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one HTTP client of the tests: HTTP/1.1 (as curl and the gateway's users speak it) to one server, with a
 * connect and a request timeout, answers as {@link HttpResult}, and polling for an answer that changes later.
 */
public final class HttpTestClient
{
    private static final long POLL_MS = 50;

    private final URI base;
    private final Duration requestTimeout;
    private final HttpClient http;

    private HttpTestClient(final URI base, final Duration connectTimeout, final Duration requestTimeout)
    {
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .build();
    }

    /**
     * @param base e.g. {@code http://127.0.0.1:8080}; request paths are resolved against it.
     */
    public static HttpTestClient of(final URI base, final Duration connectTimeout, final Duration requestTimeout)
    {
        return new HttpTestClient(base, connectTimeout, requestTimeout);
    }

    public static HttpTestClient local(final int port, final Duration connectTimeout, final Duration requestTimeout)
    {
        return of(URI.create("http://127.0.0.1:" + port), connectTimeout, requestTimeout);
    }

    public URI uri(final String path)
    {
        return base.resolve(path);
    }

    /**
     * @return a request to the path with this client's request timeout, for a test that sets more.
     */
    public HttpRequest.Builder request(final String path)
    {
        return HttpRequest.newBuilder(uri(path)).timeout(requestTimeout);
    }

    public HttpResult get(final String path)
    {
        return send(request(path).GET().build());
    }

    public HttpResult post(final String path, final String json)
    {
        return send(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResult post(final String path, final byte[] json)
    {
        return send(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());
    }

    /**
     * @throws UncheckedIOException if there is no answer (refused, reset, timed out).
     */
    public HttpResult send(final HttpRequest request)
    {
        try
        {
            final HttpResponse<String> response = exchange(request);
            return new HttpResult(response.statusCode(), response.headers(), response.body());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * For a test that tells the kinds of failure apart (a connect timeout from a request timeout, say).
     */
    public HttpResponse<String> exchange(final HttpRequest request) throws IOException, InterruptedException
    {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Repeats a GET until its answer satisfies the condition: some changes are visible only after a refresh or a
     * restart, so tests poll rather than sleep. A failed connection counts as "not yet".
     */
    public HttpResult awaitGet(final String path, final Predicate<HttpResult> condition, final Duration timeout)
    {
        return awaitAnswer(() -> get(path), "GET " + path, condition, timeout);
    }

    public HttpResult awaitPost(
        final String path, final String json, final Predicate<HttpResult> condition, final Duration timeout)
    {
        return awaitAnswer(() -> post(path, json), "POST " + path, condition, timeout);
    }

    private static HttpResult awaitAnswer(final Supplier<HttpResult> exchange, final String what,
        final Predicate<HttpResult> condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() - deadline < 0)
        {
            try
            {
                final HttpResult result = exchange.get();
                if (condition.test(result))
                {
                    return result;
                }
                last = result;
            }
            catch (final UncheckedIOException ex)
            {
                // The server is down or restarting, or a connection pooled before its restart failed once.
                last = ex;
            }
            Await.sleep(POLL_MS);
        }
        throw new AssertionError(what + " did not reach the expected answer within " + timeout +
            "; last answer: " + last);
    }
}
