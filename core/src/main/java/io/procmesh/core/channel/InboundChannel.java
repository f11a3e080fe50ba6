package io.procmesh.core.channel;

import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Reads envelopes from one persisted queue on a single thread.
 * <p>
 * A named tailer keeps its position in the queue's own files, so a restarted reader resumes where it stopped.
 * An anonymous one starts at the end (reply queues: replies to a previous incarnation have no one waiting).
 */
public final class InboundChannel implements AutoCloseable
{
    private final Path path;
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final EnvelopeCodec codec;
    private final Envelope envelope = new Envelope();

    private InboundChannel(final Path path, final String tailerName, final EnvelopeCodec codec)
    {
        this.path = path;
        this.queue = Queues.open(path);
        this.tailer = tailerName == null ? queue.createTailer().toEnd() : queue.createTailer(tailerName);
        // Built on the owner's thread, read on the agent thread, closed after the agent stops.
        this.tailer.singleThreadedCheckDisabled(true);
        this.codec = codec;
    }

    public static InboundChannel named(final Path path, final String tailerName, final EnvelopeCodec codec)
    {
        return new InboundChannel(path, tailerName, codec);
    }

    public static InboundChannel fromEnd(final Path path, final EnvelopeCodec codec)
    {
        return new InboundChannel(path, null, codec);
    }

    public Path path()
    {
        return path;
    }

    /**
     * Reads at most one document.
     *
     * @return 1 if a document was read (valid or not), 0 if the queue had nothing new.
     */
    public int poll(final InboundListener listener)
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return 0;
            }
            final long index = dc.index();
            final DecodeResult result = codec.decode(dc.wire().bytes(), envelope);
            if (result == DecodeResult.OK)
            {
                listener.onEnvelope(envelope, index);
            }
            else
            {
                listener.onDecodeError(result, index);
            }
            return 1;
        }
    }

    /**
     * Counts the documents written after {@code afterIndex}; safe to call from another thread than the reader.
     *
     * @return the backlog, or -1 if it cannot be known right now.
     */
    public long backlogAfter(final long afterIndex)
    {
        try
        {
            final long lastIndex = queue.lastIndex();
            if (lastIndex < 0)
            {
                return 0;
            }
            final SingleChronicleQueue single = (SingleChronicleQueue)queue;
            final long from = afterIndex <= 0 ? single.firstIndex() : afterIndex;
            if (from > lastIndex)
            {
                return 0;
            }
            final long inRange = single.countExcerpts(from, lastIndex);
            return afterIndex <= 0 ? inRange + 1 : inRange;
        }
        catch (final RuntimeException ex)
        {
            return -1;
        }
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }
}
