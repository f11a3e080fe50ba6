package io.procmesh.core.channel;

import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads the last documents of a queue, oldest first, without a named tailer and without writing to it: what an
 * incident report shows of a dead instance's inbox. Costs nothing on the path that wrote them.
 */
public final class QueueTail
{
    private QueueTail()
    {
    }

    /**
     * One document of the tail: its index, and the envelope decoded from it (reused: copy what must outlive the
     * call) or why it was not.
     */
    public interface Visitor
    {
        void visit(long index, DecodeResult result, Envelope envelope);
    }

    /**
     * Hands the last {@code count} documents of the queue at {@code path} to the visitor, oldest first.
     *
     * @return how many were visited; 0 if the queue does not exist.
     */
    public static int read(final Path path, final EnvelopeCodec codec, final int count, final Visitor visitor)
    {
        if (count <= 0 || !Files.isDirectory(path))
        {
            return 0;
        }
        final Deque<Long> indexes = new ArrayDeque<>(count);
        try (ChronicleQueue queue = Queues.open(path))
        {
            final ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd();
            while (indexes.size() < count)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    indexes.addFirst(dc.index());
                }
            }
            final ExcerptTailer forward = queue.createTailer();
            final Envelope envelope = new Envelope();
            int visited = 0;
            for (final long index : indexes)
            {
                if (!forward.moveToIndex(index))
                {
                    continue;
                }
                try (DocumentContext dc = forward.readingDocument())
                {
                    if (dc.isPresent())
                    {
                        visitor.visit(index, codec.decode(dc.wire().bytes(), envelope), envelope);
                        visited++;
                    }
                }
            }
            return visited;
        }
    }
}
