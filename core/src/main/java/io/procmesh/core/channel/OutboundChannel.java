package io.procmesh.core.channel;

import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.UnrecoverableTimeoutException;

import java.nio.file.Path;

/**
 * Appends envelopes to one persisted queue: another instance's inbox, a caller's reply queue, or a topic.
 * Callers on several threads share it; the appender is used under this object's monitor.
 */
public final class OutboundChannel implements AutoCloseable
{
    private final Path path;
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final EnvelopeCodec codec;

    /**
     * @throws ChannelLockedException if a live writer held the queue's lock past the lock timeout.
     */
    public OutboundChannel(final Path path, final EnvelopeCodec codec)
    {
        this.path = path;
        this.queue = Queues.open(path);
        // Before the first write: the fence must lie below every document of this boot.
        BootFence.ensure(path, queue);
        try
        {
            // Making an appender takes the write lock once (it may roll a cycle), so a paused writer stops it too.
            this.appender = queue.createAppender();
        }
        catch (final UnrecoverableTimeoutException lockHeldByLiveWriter)
        {
            queue.close();
            throw new ChannelLockedException(path, lockHeldByLiveWriter);
        }
        this.appender.singleThreadedCheckDisabled(true);
        this.codec = codec;
    }

    public Path path()
    {
        return path;
    }

    /**
     * @return the queue index the envelope was written at.
     * @throws ChannelWriteException if the queue's file cannot take the bytes (file system full).
     * @throws ChannelLockedException if a live writer held the queue's lock past the lock timeout.
     * @throws io.procmesh.core.message.EnvelopeTooLargeException if the receiver would drop it; nothing is written.
     */
    public synchronized long send(final Envelope envelope)
    {
        // Checked before the document opens: a throw inside it would leave an empty or partial document.
        codec.requireEncodable(envelope);
        try (DocumentContext dc = appender.writingDocument())
        {
            codec.encode(envelope, dc.wire().bytes());
        }
        catch (final InternalError mappedWriteFault)
        {
            throw new ChannelWriteException(path, mappedWriteFault);
        }
        catch (final UnrecoverableTimeoutException lockHeldByLiveWriter)
        {
            throw new ChannelLockedException(path, lockHeldByLiveWriter);
        }
        return appender.lastIndexAppended();
    }

    @Override
    public synchronized void close()
    {
        appender.close();
        queue.close();
    }
}
