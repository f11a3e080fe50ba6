package io.procmesh.core.channel;

import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.QueueWriterMain;
import io.procmesh.core.test.TestDirectories;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer killed mid-message never leaves a partial message for readers, no gap in the sequence, and the next
 * writer can append at once.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WriterKillTest
{
    private static final int ROUNDS = 20;

    @Test
    void shouldNeverExposeAPartialMessageWhenTheWriterIsKilled() throws Exception
    {
        final Path dir = TestDirectories.create("writer-kill");
        final Path queueDir = dir.resolve("queue");
        final Random random = new Random(5);
        long verified = 0;
        try (ChronicleQueue queue = Queues.open(queueDir); ExcerptTailer reader = queue.createTailer())
        {
            for (int round = 0; round < ROUNDS; round++)
            {
                try (ChildJvm writer = ChildJvm.start(QueueWriterMain.class, dir.resolve("writer.log"),
                    Duration.ofMinutes(1), List.of(), queueDir.toString()))
                {
                    writer.awaitLogLine("READY", Duration.ofSeconds(60));
                    Thread.sleep(random.nextInt(50));
                    writer.kill9();
                }

                final long start = System.nanoTime();
                final long next = QueueWriterMain.lastSequence(queue) + 1;
                try (ExcerptAppender appender = queue.createAppender();
                     DocumentContext dc = appender.writingDocument())
                {
                    final byte[] body = {1, 2, 3};
                    dc.wire().bytes().writeLong(next).writeInt(body.length).write(body)
                        .writeLong(QueueWriterMain.checksum(next, body, body.length));
                }
                final long appendMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(appendMs < 1_000, "round " + round + ": next writer waited " + appendMs + " ms");

                verified = readAll(reader, verified);
            }
        }
        assertTrue(verified > ROUNDS * 1_000L, "only " + verified + " messages were written");
    }

    private static long readAll(final ExcerptTailer reader, final long lastSequence)
    {
        long expected = lastSequence + 1;
        final byte[] body = new byte[4096];
        while (true)
        {
            try (DocumentContext dc = reader.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return expected - 1;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final long sequence = bytes.readLong();
                final int length = bytes.readInt();
                bytes.read(body, 0, length);
                final long checksum = bytes.readLong();
                assertEquals(expected, sequence, "gap or repeat in the sequence");
                assertEquals(QueueWriterMain.checksum(sequence, body, length), checksum, "partial message " + sequence);
                expected++;
            }
        }
    }
}
