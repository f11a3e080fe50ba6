package io.procmesh.launcher.gateway.events;

import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.channel.InboundListener;
import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.message.PayloadFormat;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import java.io.EOFException;

/**
 * One client's stream of one topic: its own reader of the topic and at most one write in flight. The pump thread
 * reads and writes; Jetty completes the write on any thread, as this stream's own {@link Callback}, which hands it
 * back to the pump. While a write is in flight nothing more is read, so a slow client costs one batch of memory.
 */
final class EventStream implements Callback, InboundListener
{
    private static final int IDLE = 0;
    private static final int WRITING = 1;
    private static final int FAILED = 2;

    private final String topic;
    private final InboundChannel channel;
    private final Response response;
    private final Callback exchange;
    private final Runnable wake;
    private final SseFrames frames = new SseFrames(4_096);
    private volatile int state = IDLE;
    private volatile Throwable failure;
    private long lastWriteNs;
    private int batchEvents;
    private long skipped;

    /**
     * @param exchange completed once, when the stream ends: the request's own callback.
     * @param wake     makes the pump look again, when a write completes.
     */
    EventStream(final String topic, final InboundChannel channel, final Response response, final Callback exchange,
        final long retryMs, final Runnable wake)
    {
        this.topic = topic;
        this.channel = channel;
        this.response = response;
        this.exchange = exchange;
        this.wake = wake;
        // The first write sends the headers, and tells the client how soon to reconnect.
        frames.retry(retryMs);
    }

    String topic()
    {
        return topic;
    }

    /**
     * Reads up to a batch and writes it, or a keep-alive comment if nothing was written for {@code keepAliveNs}.
     * Pump thread only.
     *
     * @return the events written, 0 if none, or -1 if the client has gone and the stream has ended.
     */
    int pump(final long nowNs, final long keepAliveNs, final int maxBatchEvents, final int maxBatchBytes)
    {
        final int current = state;
        if (current == WRITING)
        {
            return 0;
        }
        if (current == FAILED)
        {
            channel.close();
            exchange.failed(failure);
            return -1;
        }
        batchEvents = 0;
        while (batchEvents < maxBatchEvents && frames.length() < maxBatchBytes && channel.poll(this) > 0)
        {
            // Each poll appends at most one event to the frames.
        }
        if (frames.length() == 0 && nowNs - lastWriteNs >= keepAliveNs)
        {
            frames.keepAlive();
        }
        if (frames.length() == 0)
        {
            return 0;
        }
        lastWriteNs = nowNs;
        state = WRITING;
        response.write(false, frames.view(), this);
        return batchEvents;
    }

    /**
     * Ends the stream as the gateway closes: the response completes if no write is in flight, and is aborted if
     * one is. Pump thread only.
     */
    void end()
    {
        channel.close();
        if (state == IDLE)
        {
            response.write(true, BufferUtil.EMPTY_BUFFER, exchange);
        }
        else
        {
            exchange.failed(failure != null ? failure : new EOFException("gateway closing"));
        }
    }

    /**
     * @return documents of the topic read since the last call that were not events in JSON, or did not decode:
     * not sent. Pump thread only.
     */
    long takeSkipped()
    {
        final long taken = skipped;
        skipped = 0;
        return taken;
    }

    @Override
    public void onEnvelope(final Envelope envelope, final long index)
    {
        if (envelope.kind() == MessageKind.EVENT && envelope.payloadFormat() == PayloadFormat.JSON)
        {
            frames.event(index, envelope.operation(), envelope.payload());
            batchEvents++;
        }
        else
        {
            skipped++;
        }
    }

    @Override
    public void onDecodeError(final DecodeResult result, final long index)
    {
        skipped++;
    }

    @Override
    public void succeeded()
    {
        frames.clear();
        state = IDLE;
        wake.run();
    }

    @Override
    public void failed(final Throwable cause)
    {
        failure = cause;
        state = FAILED;
        wake.run();
    }

    @Override
    public InvocationType getInvocationType()
    {
        return InvocationType.NON_BLOCKING;
    }
}
