package io.procmesh.core.test;

import io.procmesh.core.channel.Queues;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Child JVM main: appends self-checking messages (sequence, length, bytes, checksum) as fast as it can, continuing
 * the sequence found at the end of the queue, until killed. Args: queueDir.
 */
public final class QueueWriterMain
{
    public static void main(final String[] args)
    {
        try (ChronicleQueue queue = Queues.open(Path.of(args[0]));
             ExcerptAppender appender = queue.createAppender())
        {
            long sequence = lastSequence(queue) + 1;
            final byte[] body = new byte[2048];
            boolean ready = false;
            while (true)
            {
                final int length = ThreadLocalRandom.current().nextInt(1, body.length);
                ThreadLocalRandom.current().nextBytes(body);
                try (DocumentContext dc = appender.writingDocument())
                {
                    final Bytes<?> bytes = dc.wire().bytes();
                    bytes.writeLong(sequence).writeInt(length).write(body, 0, length).writeLong(checksum(sequence, body, length));
                }
                sequence++;
                if (!ready && sequence % 1000 == 0)
                {
                    System.out.println("READY writing at " + sequence);
                    ready = true;
                }
            }
        }
    }

    public static long lastSequence(final ChronicleQueue queue)
    {
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd();
             DocumentContext dc = tailer.readingDocument())
        {
            return dc.isPresent() ? dc.wire().bytes().readLong() : 0;
        }
    }

    public static long checksum(final long sequence, final byte[] body, final int length)
    {
        long hash = sequence * 31 + length;
        for (int i = 0; i < length; i++)
        {
            hash = hash * 131 + body[i];
        }
        return hash;
    }
}
