package io.procmesh.core.channel;

import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

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

    public OutboundChannel(final Path path, final EnvelopeCodec codec)
    {
        this.path = path;
        this.queue = Queues.open(path);
        // Before the first write: the fence must lie below every document of this boot.
        BootFence.ensure(path, queue);
        this.appender = queue.createAppender();
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
     */
    public synchronized long send(final Envelope envelope)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            codec.encode(envelope, dc.wire().bytes());
        }
        catch (final InternalError mappedWriteFault)
        {
            throw new ChannelWriteException(path, mappedWriteFault);
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
