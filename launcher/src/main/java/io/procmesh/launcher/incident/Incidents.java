package io.procmesh.launcher.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.procmesh.core.channel.QueueTail;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.registry.InstanceSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes an incident folder for an instance that died or was killed as hung or stuck:
 * <ul>
 *     <li>{@code incident.json}: when, which instance and pid, the exit status or signal or the kill's reason, and
 *     its slot's counters at that moment (read at once, on the caller's thread);</li>
 *     <li>{@code inbox.txt}: the last {@value #INBOX_MESSAGES} messages of its inbox, headers and the first
 *     {@value #PAYLOAD_BYTES} bytes of each payload, read back from the queue: nothing is recorded on the hot
 *     path;</li>
 *     <li>{@code log.txt}: the last {@value #LOG_LINES} lines of its log.</li>
 * </ul>
 * The files are written on a thread of their own, so supervision never waits for them; the newest
 * {@value #KEPT} incidents are kept.
 */
public final class Incidents implements AutoCloseable
{
    static final int INBOX_MESSAGES = 50;
    static final int PAYLOAD_BYTES = 96;
    static final int LOG_LINES = 200;
    static final int KEPT = 100;
    private static final DateTimeFormatter ID_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(Incidents.class);
    private final DataDirectory dataDirectory;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "procmesh-incidents");
        thread.setDaemon(true);
        return thread;
    });

    public Incidents(final DataDirectory dataDirectory)
    {
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts writing the incident's folder.
     *
     * @param counters the instance's slot now, or null.
     * @param log      the instance's log file.
     * @return the incident's id, for the alert that refers to it.
     */
    public String record(final String service, final String instance, final long pid, final String what,
        final String detail, final InstanceSnapshot counters, final Path log)
    {
        final long atMs = System.currentTimeMillis();
        final String id = ID_TIME.format(Instant.ofEpochMilli(atMs)) + "-" + instance + "-" + pid;
        final Incident incident = new Incident(id, atMs, service, instance, pid, what, detail, counters);
        try
        {
            writer.execute(() -> write(incident, log));
        }
        catch (final RejectedExecutionException ex)
        {
            LOG.warn("incident {} not written: the launcher is stopping", id);
        }
        return id;
    }

    private void write(final Incident incident, final Path log)
    {
        final Path folder = incidents(dataDirectory).resolve(incident.id());
        try
        {
            Files.createDirectories(folder);
            json.writeValue(folder.resolve("incident.json").toFile(), incident);
            Files.write(folder.resolve("log.txt"), lastLines(log));
            Files.write(folder.resolve("inbox.txt"),
                inbox(dataDirectory.inbox(incident.service(), incident.instance())));
            trim();
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.warn("incident {} written in part to {}: {}", incident.id(), folder, ex.toString());
        }
    }

    private static List<String> inbox(final Path queue)
    {
        final List<String> lines = new ArrayList<>();
        lines.add("# the last " + INBOX_MESSAGES + " messages of " + queue + ", oldest first: index kind messageId " +
            "correlationId source -> target.operation sendTimeNs deadlineNs format payloadBytes payload(first " +
            PAYLOAD_BYTES + " bytes)");
        QueueTail.read(queue, new EnvelopeCodec(Configuration.maxPayloadBytes()), INBOX_MESSAGES,
            (index, result, envelope) -> lines.add(result == DecodeResult.OK ? line(index, envelope) :
                Long.toHexString(index) + " undecodable: " + result));
        return lines;
    }

    private static String line(final long index, final Envelope envelope)
    {
        final long length = envelope.payload().readRemaining();
        final byte[] first = new byte[(int)Math.min(PAYLOAD_BYTES, length)];
        envelope.payload().read(first);
        final StringBuilder payload = new StringBuilder();
        for (final byte b : first)
        {
            payload.append(b >= 0x20 && b < 0x7f && b != '\\' ? String.valueOf((char)b) :
                String.format("\\x%02x", b & 0xff));
        }
        return Long.toHexString(index) + " " + envelope.kind() + " " + envelope.messageId() + " " +
            envelope.correlationId() + " " + envelope.sourceInstance() + " -> " + envelope.targetService() + "." +
            envelope.operation() + " " + envelope.sendTimeNs() + " " + envelope.deadlineNs() + " " +
            envelope.payloadFormat() + " " + length + " " + payload + (length > PAYLOAD_BYTES ? "..." : "");
    }

    private static List<String> lastLines(final Path log) throws IOException
    {
        if (!Files.exists(log))
        {
            return List.of("# no log at " + log);
        }
        final Deque<String> last = new ArrayDeque<>(LOG_LINES);
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8))
        {
            lines.forEachOrdered(line ->
            {
                if (last.size() == LOG_LINES)
                {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        }
        catch (final UncheckedIOException ex)
        {
            // A log with bytes that are not UTF-8 (a crash mid-write) still gives what it can.
            return List.of("# " + log + " could not be read as text: " + ex.getCause());
        }
        return new ArrayList<>(last);
    }

    private void trim() throws IOException
    {
        final List<Path> all = list(dataDirectory);
        for (int i = 0; i < all.size() - KEPT; i++)
        {
            try (Stream<Path> files = Files.walk(all.get(i)))
            {
                for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * @return every incident folder, oldest first.
     */
    public static List<Path> list(final DataDirectory dataDirectory) throws IOException
    {
        final Path root = incidents(dataDirectory);
        final List<Path> all = new ArrayList<>();
        if (!Files.isDirectory(root))
        {
            return all;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, Files::isDirectory))
        {
            folders.forEach(all::add);
        }
        all.sort(Comparator.comparing(path -> path.getFileName().toString()));
        return all;
    }

    public static Path incidents(final DataDirectory dataDirectory)
    {
        return dataDirectory.root().resolve("incidents");
    }

    /**
     * Lets the incidents started be written, for at most a few seconds.
     */
    @Override
    public void close() throws InterruptedException
    {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
