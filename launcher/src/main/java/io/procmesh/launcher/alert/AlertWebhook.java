package io.procmesh.launcher.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.config.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts each alert of the {@code alerts} topic to a webhook, in Alertmanager's format, in order, from a thread of its
 * own: a slow or absent receiver delays only the alerts behind it, never supervision. An alert is retried until the
 * receiver answers 2xx, after 100 ms, then twice as long each time up to 30 s; one it refuses with a 4xx (but 408 and
 * 429) is logged and skipped. A webhook with no position yet (newly configured) starts at the topic's end. The index of
 * the last alert delivered is kept in a file written after each delivery, so a launcher killed while it delivers sends
 * that alert again when it comes back: at least once, none lost.
 */
public final class AlertWebhook implements AutoCloseable
{
    static final long FIRST_BACKOFF_MS = 100;
    static final long MAX_BACKOFF_MS = 30_000;
    private static final long IDLE_POLL_MS = 100;
    private static final String REFUSED = "refused: ";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
    private final DataDirectory dataDirectory;
    private final URI url;
    private final Path indexFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedPosts = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts delivering, after the last alert a previous launcher delivered.
     *
     * @param indexFile where the index of the last delivered alert is kept.
     */
    public AlertWebhook(final DataDirectory dataDirectory, final URI url, final Path indexFile)
    {
        this.dataDirectory = dataDirectory;
        this.url = url;
        this.indexFile = indexFile;
        if (!Files.exists(indexFile))
        {
            // A webhook configured now starts with what is raised from now on, not with the topic's history.
            try (AlertReader reader = new AlertReader(dataDirectory, -1))
            {
                while (reader.next() != null)
                {
                    continue;
                }
                if (reader.lastIndex() >= 0)
                {
                    writeIndex(reader.lastIndex());
                }
            }
            catch (final RuntimeException ex)
            {
                LOG.warn("cannot find the end of the {} topic ({}): the webhook sends it from the start",
                    Alerts.TOPIC, ex.toString());
            }
        }
        this.thread = new Thread(this::run, "procmesh-alert-webhook");
        thread.setDaemon(true);
        thread.start();
    }

    public long delivered()
    {
        return delivered.get();
    }

    private void run()
    {
        long backoffMs = FIRST_BACKOFF_MS;
        while (running)
        {
            try (AlertReader reader = new AlertReader(dataDirectory, readIndex()))
            {
                backoffMs = FIRST_BACKOFF_MS;
                deliverAll(reader);
            }
            catch (final RuntimeException ex)
            {
                if (!running)
                {
                    return;
                }
                // The topic could not be read (a file another process is replacing, a full disk): alerts stay in
                // it, and reading starts again after the last one delivered.
                LOG.error("alert webhook {} cannot read the {} topic: {}; trying again in {} ms", url, Alerts.TOPIC,
                    ex.toString(), backoffMs);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMs));
                backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            }
        }
    }

    private void deliverAll(final AlertReader reader)
    {
        while (running)
        {
            final Alert alert = reader.next();
            if (alert == null)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MS));
                continue;
            }
            if (deliver(alert))
            {
                writeIndex(reader.lastIndex());
                delivered.incrementAndGet();
            }
        }
    }

    /**
     * @return true once the receiver took it; false only if the webhook is closing.
     */
    private boolean deliver(final Alert alert)
    {
        final byte[] body;
        try
        {
            body = json.writeValueAsBytes(AlertmanagerPayload.of(alert));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot write alert " + alert.key() + " as JSON", ex);
        }
        long backoffMs = FIRST_BACKOFF_MS;
        while (running)
        {
            final String failure = post(body);
            if (failure == null)
            {
                return true;
            }
            if (failure.startsWith(REFUSED))
            {
                // The receiver will refuse it whatever the wait: retrying would hold every alert behind it.
                LOG.error("alert {} refused by {} ({}): skipped; it stays in the {} topic ('procmesh alerts')",
                    alert.key(), url, failure, Alerts.TOPIC);
                return true;
            }
            // One line per alert's first failure, then one at each backoff ceiling: a dead receiver is not a flood.
            if (backoffMs == FIRST_BACKOFF_MS || backoffMs == MAX_BACKOFF_MS)
            {
                LOG.warn("alert {} not delivered to {}: {}; retrying in {} ms", alert.key(), url, failure,
                    backoffMs);
            }
            failedPosts.incrementAndGet();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMs));
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        }
        return false;
    }

    /**
     * @return null if the receiver answered 2xx, else why not.
     */
    private String post(final byte[] body)
    {
        try
        {
            final HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
            final int status = response.statusCode();
            if (status / 100 == 2)
            {
                return null;
            }
            // 4xx says this request will never be taken, but for 408 and 429, which ask to come back later.
            return (status / 100 == 4 && status != 408 && status != 429 ? REFUSED : "") + "HTTP " + status;
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            running = false;
            return "interrupted";
        }
    }

    private long readIndex()
    {
        try
        {
            return Files.exists(indexFile) ?
                Long.parseLong(Files.readString(indexFile, StandardCharsets.UTF_8).trim()) : -1;
        }
        catch (final IOException | NumberFormatException ex)
        {
            LOG.warn("cannot read {} ({}): sending every alert of the topic again", indexFile, ex.toString());
            return -1;
        }
    }

    private void writeIndex(final long index)
    {
        try
        {
            final Path temporary = indexFile.resolveSibling(indexFile.getFileName() + ".tmp");
            Files.writeString(temporary, Long.toString(index), StandardCharsets.UTF_8);
            Files.move(temporary, indexFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            // Delivered but not recorded: the next launcher sends it again, which at-least-once allows.
            LOG.warn("cannot record the alert webhook's position in {}: {}", indexFile, ex.toString());
        }
    }

    /**
     * Stops delivering; what was not delivered is sent by the next launcher.
     */
    @Override
    public void close() throws InterruptedException
    {
        running = false;
        // Not an interrupt: Chronicle's reads fail on an interrupted thread. A post in flight ends by its timeout.
        LockSupport.unpark(thread);
        thread.join(TIMEOUT.toMillis() * 2);
    }
}
