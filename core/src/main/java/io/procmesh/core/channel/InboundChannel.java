package io.procmesh.core.channel;

import io.procmesh.core.agent.ErrorHandler;
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
    /**
     * For {@link #resumingAfter}: read only what is written from now on.
     */
    public static final long NEW_ONLY = Long.MIN_VALUE;
    private final Path path;
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final EnvelopeCodec codec;
    private final RetentionPolicy retention;
    private final Envelope envelope = new Envelope();
    private final long bootFence;
    private int lastCycle = Integer.MIN_VALUE;

    private InboundChannel(
        final Path path,
        final String tailerName,
        final EnvelopeCodec codec,
        final RetentionPolicy retention)
    {
        this(path, tailerName, codec, retention, NEW_ONLY);
    }

    /**
     * @param afterIndex with no tailer name: {@link #NEW_ONLY} reads from the end; -1 from the start; an index
     *                   from the document after it (from the start if the queue no longer has it).
     */
    private InboundChannel(
        final Path path,
        final String tailerName,
        final EnvelopeCodec codec,
        final RetentionPolicy retention,
        final long afterIndex)
    {
        this.path = path;
        this.retention = retention;
        this.queue = retention == null ? Queues.open(path) : Queues.open(path, retention);
        try
        {
            this.bootFence = BootFence.ensure(path, queue);
            this.tailer = tailerName != null ? queue.createTailer(tailerName) :
                afterIndex == NEW_ONLY ? queue.createTailer().toEnd() : after(queue.createTailer(), afterIndex);
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw ex;
        }
        // Built on the owner's thread, read on the agent thread, closed after the agent stops.
        this.tailer.singleThreadedCheckDisabled(true);
        this.codec = codec;
    }

    /**
     * A reader that resumes where the named tailer stopped. Pass a retention error handler to delete cycle files
     * this reader has passed (only where it is the queue's sole reader), or null to keep them.
     */
    public static InboundChannel named(
        final Path path,
        final String tailerName,
        final EnvelopeCodec codec,
        final int retainCycles,
        final ErrorHandler retentionErrors)
    {
        return new InboundChannel(path, tailerName, codec,
            retentionErrors == null ? null : new RetentionPolicy(retainCycles, retentionErrors));
    }

    /**
     * A reader of new documents only, the queue's sole reader: cycles it has passed are deleted.
     */
    public static InboundChannel fromEnd(
        final Path path,
        final EnvelopeCodec codec,
        final int retainCycles,
        final ErrorHandler retentionErrors)
    {
        return new InboundChannel(path, null, codec, new RetentionPolicy(retainCycles, retentionErrors));
    }

    /**
     * A reader of every document after {@code index} (-1: all of them), whose owner keeps where it got to; deletes
     * nothing. For readers that must not lose a document they were reading when their process died, which a named
     * tailer, moved on as soon as it reads, would.
     */
    public static InboundChannel after(final Path path, final EnvelopeCodec codec, final long index)
    {
        return new InboundChannel(path, null, codec, null, index);
    }

    /**
     * A reader that deletes nothing, so it may be one among many readers of the queue: of the documents after the
     * one at {@code index}, or of new documents only if {@code index} is {@link #NEW_ONLY}. Unlike {@link #after},
     * an index the queue has no document at is refused rather than read from the start.
     *
     * @throws IllegalArgumentException if {@code index} is neither {@link #NEW_ONLY} nor a document's index.
     */
    public static InboundChannel resumingAfter(final Path path, final EnvelopeCodec codec, final long index)
    {
        final InboundChannel channel = new InboundChannel(path, null, codec, null, NEW_ONLY);
        if (index == NEW_ONLY)
        {
            return channel;
        }
        try
        {
            if (index <= 0 || index > channel.queue.lastIndex() || !channel.tailer.moveToIndex(index))
            {
                throw new IllegalArgumentException("queue " + path.getFileName() + " has no document at index " +
                    index);
            }
            try (DocumentContext skipped = channel.tailer.readingDocument())
            {
                // Moving to the index positions the tailer on that document, which the reader has had.
                return channel;
            }
        }
        catch (final RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    private static ExcerptTailer after(final ExcerptTailer tailer, final long index)
    {
        if (index < 0 || !tailer.moveToIndex(index))
        {
            return tailer.toStart();
        }
        try (DocumentContext skipped = tailer.readingDocument())
        {
            // The document at index was read before: moving to it positions the tailer on it, not after it.
            return tailer;
        }
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
            trackCycle(index);
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

    private void trackCycle(final long index)
    {
        if (retention != null)
        {
            final int cycle = queue.rollCycle().toCycle(index);
            if (cycle != lastCycle)
            {
                lastCycle = cycle;
                retention.reading(cycle, (SingleChronicleQueue)queue);
            }
        }
    }

    /**
     * @return cycle files deleted by retention so far.
     */
    public long retentionDeletedFiles()
    {
        return retention == null ? 0 : retention.deletedFiles();
    }

    /**
     * @return the index at or below which this queue's documents were written in an earlier boot of the host (their
     * deadlines are meaningless now), or 0 if none were.
     */
    public long bootFenceIndex()
    {
        return bootFence;
    }

    /**
     * @return the index of the queue's last document, or a negative number if it has none.
     */
    public long lastIndex()
    {
        return queue.lastIndex();
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
