package io.procmesh.benchmarks.roundtrip.raw;

import io.procmesh.benchmarks.harness.ReplyListener;
import io.procmesh.benchmarks.harness.RequestTransport;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * The floor: a request is one document on the ping queue holding the 8-byte send stamp and filler, the reply the
 * same bytes on the pong queue. Chronicle's API only.
 */
public final class RawQueueTransport implements RequestTransport
{
    private static final int STAMP_BYTES = Long.BYTES;

    private final ChronicleQueue ping;
    private final ChronicleQueue pong;
    private final ExcerptAppender appender;
    private final ExcerptTailer tailer;
    private byte[] filler = new byte[0];

    public RawQueueTransport(final Path directory)
    {
        this.ping = RawQueues.open(directory.resolve(RawQueues.PING));
        this.pong = RawQueues.open(directory.resolve(RawQueues.PONG));
        this.appender = ping.createAppender();
        this.tailer = pong.createTailer().toEnd();
    }

    @Override
    public void prepare(final int payloadBytes)
    {
        if (payloadBytes < STAMP_BYTES)
        {
            throw new IllegalArgumentException("raw-queue payload must be at least " + STAMP_BYTES + " bytes");
        }
        filler = new byte[payloadBytes - STAMP_BYTES];
    }

    @Override
    public void send(final long intendedSendNs)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().writeLong(intendedSendNs).write(filler);
        }
    }

    @Override
    public int poll(final ReplyListener listener)
    {
        final long stamp;
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return 0;
            }
            final Bytes<?> reply = dc.wire().bytes();
            stamp = reply.readLong();
        }
        listener.onReply(stamp);
        return 1;
    }

    @Override
    public void close()
    {
        tailer.close();
        appender.close();
        pong.close();
        ping.close();
    }
}
