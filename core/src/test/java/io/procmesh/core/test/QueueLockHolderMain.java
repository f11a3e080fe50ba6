package io.procmesh.core.test;

import io.procmesh.core.channel.Queues;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM main: opens a message on the queue (which takes its write lock), writes half of it, prints LOCKED and
 * holds the lock until the release file exists; then finishes the message, prints WRITTEN and exits.
 * The message is QueueWriterMain's self-checking format with sequence 1. Args: queueDir releaseFile.
 */
public final class QueueLockHolderMain
{
    public static final byte[] BODY = {7, 7, 7, 7, 7, 7, 7, 7};

    public static void main(final String[] args) throws InterruptedException
    {
        final Path release = Path.of(args[1]);
        try (ChronicleQueue queue = Queues.open(Path.of(args[0]));
             ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.writeLong(1).writeInt(BODY.length);
                System.out.println("LOCKED");
                while (!Files.exists(release))
                {
                    Thread.sleep(10);
                }
                bytes.write(BODY).writeLong(QueueWriterMain.checksum(1, BODY, BODY.length));
            }
            System.out.println("WRITTEN");
        }
    }
}
