package io.procmesh.launcher.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client over the JDK's HttpClient, reading {@code text/event-stream} as the WHATWG spec
 * says a browser's EventSource does: {@code field: value} lines, {@code data} lines joined with LF, a blank line
 * dispatching the event, lines starting with a colon ignored (counted here, to see keep-alives).
 */
final class SseClient implements AutoCloseable
{
    record Event(String id, String name, String data)
    {
    }

    /**
     * How the stream ended: cleanly (the response completed) or with the error the read ended with.
     */
    record End(Throwable error)
    {
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final Thread reader;

    private SseClient(final HttpResponse<Stream<String>> response)
    {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Connects and waits for the response's headers.
     *
     * @param lastEventId sent as {@code Last-Event-ID}, unless null.
     */
    static SseClient open(final URI uri, final String lastEventId) throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (lastEventId != null)
        {
            request.header("Last-Event-ID", lastEventId);
        }
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return new SseClient(client.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    int status()
    {
        return response.statusCode();
    }

    String contentType()
    {
        return response.headers().firstValue("content-type").orElse("");
    }

    /**
     * @return the next event, or null if none came within the timeout.
     * @throws AssertionError if the stream ended first.
     */
    Event next(final Duration timeout) throws InterruptedException
    {
        final Object next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next instanceof End end)
        {
            received.add(end);
            throw new AssertionError("the stream ended", end.error());
        }
        return (Event)next;
    }

    /**
     * @return how the stream ended, or null if it did not within the timeout; events before the end are dropped.
     */
    End awaitEnd(final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadlineNs < 0)
        {
            final Object next = received.poll(10, TimeUnit.MILLISECONDS);
            if (next instanceof End end)
            {
                return end;
            }
        }
        return null;
    }

    int comments()
    {
        return comments.get();
    }

    private void read()
    {
        String id = null;
        String name = "";
        StringBuilder data = null;
        try (Stream<String> lines = response.body())
        {
            for (final String line : (Iterable<String>)lines::iterator)
            {
                if (line.isEmpty())
                {
                    if (data != null)
                    {
                        received.add(new Event(id, name, data.toString()));
                    }
                    name = "";
                    data = null;
                    continue;
                }
                if (line.startsWith(":"))
                {
                    comments.incrementAndGet();
                    continue;
                }
                final int colon = line.indexOf(':');
                final String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                value = value.startsWith(" ") ? value.substring(1) : value;
                switch (field)
                {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default ->
                    {
                        // retry and unknown fields change no event.
                    }
                }
            }
            received.add(new End(null));
        }
        catch (final UncheckedIOException | IllegalStateException ex)
        {
            received.add(new End(ex));
        }
    }

    /**
     * Disconnects: closing the body stream cancels the exchange and closes its connection.
     */
    @Override
    public void close() throws InterruptedException
    {
        response.body().close();
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }
}
