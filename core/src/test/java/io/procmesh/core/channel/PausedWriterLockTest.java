package io.procmesh.core.channel;

import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.QueueLockHolderMain;
import io.procmesh.core.test.QueueWriterMain;
import io.procmesh.core.test.TestDirectories;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer that is alive but paused keeps its queue lock: the waiting append fails with a clear error, and the
 * paused writer's message is intact once it resumes. A dead holder's lock is freed (WriterKillTest).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PausedWriterLockTest
{
    @Test
    void shouldNeverForceTheLockOfAPausedLiveWriter() throws Exception
    {
        final Path dir = TestDirectories.create("paused-writer");
        final Path queueDir = dir.resolve("queue");
        final Path release = dir.resolve("release");
        final EnvelopeCodec codec = new EnvelopeCodec(1024);
        final Envelope envelope = new Envelope().reset().messageId(42);
        try (OutboundChannel channel = new OutboundChannel(queueDir, codec);
             ChildJvm holder = ChildJvm.start(QueueLockHolderMain.class, dir.resolve("holder.log"),
                 Duration.ofSeconds(90), List.of(), queueDir.toString(), release.toString()))
        {
            holder.awaitLogLine("LOCKED", Duration.ofSeconds(60));
            holder.signal("STOP");

            final long start = System.nanoTime();
            final ChannelLockedException refusedSend = assertThrows(ChannelLockedException.class,
                () -> channel.send(envelope));
            final long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(refusedSend.getMessage().contains(queueDir.toString()), refusedSend.getMessage());
            assertTrue(waitedMs < 10_000, "the refused append waited " + waitedMs + " ms");
            assertThrows(ChannelLockedException.class, () -> new OutboundChannel(queueDir, codec).close(),
                "a new channel's appender takes the lock too");

            holder.signal("CONT");
            Files.createFile(release);
            holder.awaitLogLine("WRITTEN", Duration.ofSeconds(30));
            assertEquals(0, holder.waitForExit(Duration.ofSeconds(30)), holder.logText());

            channel.send(envelope);
            try (ChronicleQueue queue = Queues.open(queueDir); ExcerptTailer tailer = queue.createTailer())
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    assertTrue(dc.isPresent(), "the paused writer's message is missing");
                    final Bytes<?> bytes = dc.wire().bytes();
                    assertEquals(1, bytes.readLong());
                    final byte[] body = new byte[bytes.readInt()];
                    bytes.read(body);
                    assertArrayEquals(QueueLockHolderMain.BODY, body);
                    assertEquals(QueueWriterMain.checksum(1, body, body.length), bytes.readLong(),
                        "the paused writer's message was overwritten");
                }
                try (DocumentContext dc = tailer.readingDocument())
                {
                    assertTrue(dc.isPresent(), "the append after the release is missing");
                }
            }
        }
    }

    @Test
    void shouldRefuseAForceUnlockModeThatForcesALiveWritersLock()
    {
        final String before = System.getProperty(Queues.FORCE_UNLOCK_MODE_PROP_NAME);
        System.setProperty(Queues.FORCE_UNLOCK_MODE_PROP_NAME, "ALWAYS");
        try
        {
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Queues.open(TestDirectories.create("unlock-always").resolve("queue")));
            assertTrue(refused.getMessage().contains("queue.force.unlock.mode=ALWAYS"), refused.getMessage());
        }
        finally
        {
            if (before == null)
            {
                System.clearProperty(Queues.FORCE_UNLOCK_MODE_PROP_NAME);
            }
            else
            {
                System.setProperty(Queues.FORCE_UNLOCK_MODE_PROP_NAME, before);
            }
        }
    }

    @Test
    void shouldSetTheForceUnlockModeExplicitly()
    {
        final String before = System.getProperty(Queues.FORCE_UNLOCK_MODE_PROP_NAME);
        System.clearProperty(Queues.FORCE_UNLOCK_MODE_PROP_NAME);
        try
        {
            Queues.requireForceUnlockOnlyWhenHolderDead();
            assertEquals(Queues.FORCE_UNLOCK_MODE, System.getProperty(Queues.FORCE_UNLOCK_MODE_PROP_NAME));
        }
        finally
        {
            if (before != null)
            {
                System.setProperty(Queues.FORCE_UNLOCK_MODE_PROP_NAME, before);
            }
        }
    }
}
