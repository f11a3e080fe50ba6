package io.procmesh.launcher.gateway.events;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.channel.InboundChannel;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Every open event stream of the gateway, served by one pump thread: it reads each stream's topic and writes what
 * it found, one batch per stream at a time. With no streams it sleeps until one opens; with streams but nothing to
 * send it backs off from {@value #MIN_IDLE_MS} to {@value #MAX_IDLE_MS} ms between looks, so idle streams cost
 * almost nothing on a 2-core host and an event waits at most that long.
 * <p>
 * Close order: the pump stops, then every stream ends (its response completes, or is aborted if a write is in
 * flight), so that Jetty's graceful stop that follows does not wait for streams that would never end.
 */
public final class EventStreams implements AutoCloseable
{
    static final int MAX_BATCH_EVENTS = 256;
    static final int MAX_BATCH_BYTES = 64 * 1024;
    private static final long MIN_IDLE_MS = 1;
    private static final long MAX_IDLE_MS = 10;

    private final int maxStreams;
    private final long keepAliveNs;
    private final long retryMs;
    private final ErrorHandler errorHandler;
    private final AtomicInteger reserved = new AtomicInteger();
    private final ConcurrentLinkedQueue<EventStream> opened = new ConcurrentLinkedQueue<>();
    private final List<EventStream> streams = new ArrayList<>();
    private final Thread pump;
    private final Runnable wake;
    private volatile boolean closed;
    private volatile long eventsSent;
    private volatile long documentsSkipped;

    /**
     * @param maxStreams  streams open at once; one more is refused ({@link #tryReserve}).
     * @param keepAliveMs a quiet stream gets a comment this often: below the connection idle timeout.
     * @param retryMs     what each stream tells its client to wait before reconnecting.
     */
    public EventStreams(final int maxStreams, final long keepAliveMs, final long retryMs,
        final ErrorHandler errorHandler)
    {
        this.maxStreams = maxStreams;
        this.keepAliveNs = TimeUnit.MILLISECONDS.toNanos(keepAliveMs);
        this.retryMs = retryMs;
        this.errorHandler = errorHandler;
        this.pump = new Thread(this::run, "procmesh-gateway-events");
        this.pump.setDaemon(true);
        this.wake = () -> LockSupport.unpark(pump);
    }

    public void start()
    {
        pump.start();
    }

    /**
     * Takes one of the {@code maxStreams} places; {@link #open} uses it, or {@link #release} gives it back.
     *
     * @return false if every place is taken (or the gateway is closing): answer 503.
     */
    public boolean tryReserve()
    {
        while (!closed)
        {
            final int current = reserved.get();
            if (current >= maxStreams)
            {
                return false;
            }
            if (reserved.compareAndSet(current, current + 1))
            {
                return true;
            }
        }
        return false;
    }

    public void release()
    {
        reserved.decrementAndGet();
    }

    /**
     * Starts streaming the topic from the channel's position into the response, on a place {@link #tryReserve}
     * took. The stream then owns the channel, and completes {@code exchange} when it ends.
     */
    public void open(final String topic, final InboundChannel channel, final Response response,
        final Callback exchange)
    {
        opened.add(new EventStream(topic, channel, response, exchange, retryMs, wake));
        wake.run();
        if (closed)
        {
            // Closed meanwhile: the pump may have ended its streams already; whichever of the two takes it ends it.
            endOpened();
        }
    }

    /**
     * @return streams open now.
     */
    public int openStreams()
    {
        return reserved.get();
    }

    /**
     * @return events written to clients so far.
     */
    public long eventsSent()
    {
        return eventsSent;
    }

    /**
     * @return documents read from topics that were not JSON events (or did not decode), so not sent.
     */
    public long documentsSkipped()
    {
        return documentsSkipped;
    }

    private void run()
    {
        long idleMs = MIN_IDLE_MS;
        while (!closed)
        {
            takeOpened();
            final int work = pumpAll();
            if (work > 0)
            {
                idleMs = MIN_IDLE_MS;
            }
            else if (streams.isEmpty())
            {
                LockSupport.park(this);
            }
            else
            {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(idleMs));
                idleMs = Math.min(MAX_IDLE_MS, idleMs * 2);
            }
        }
        takeOpened();
        for (final EventStream stream : streams)
        {
            endQuietly(stream);
        }
        streams.clear();
    }

    private void takeOpened()
    {
        EventStream stream;
        while ((stream = opened.poll()) != null)
        {
            streams.add(stream);
        }
    }

    private int pumpAll()
    {
        int work = 0;
        long sent = 0;
        long skipped = 0;
        final long nowNs = System.nanoTime();
        for (int i = streams.size() - 1; i >= 0; i--)
        {
            final EventStream stream = streams.get(i);
            int events;
            try
            {
                events = stream.pump(nowNs, keepAliveNs, MAX_BATCH_EVENTS, MAX_BATCH_BYTES);
            }
            catch (final RuntimeException ex)
            {
                errorHandler.onError(new IllegalStateException("event stream of topic '" + stream.topic() +
                    "' failed; ended", ex));
                endQuietly(stream);
                events = -1;
            }
            skipped += stream.takeSkipped();
            if (events < 0)
            {
                streams.remove(i);
                release();
            }
            else
            {
                sent += events;
                work += events;
            }
        }
        if (sent > 0)
        {
            eventsSent += sent;
        }
        if (skipped > 0)
        {
            documentsSkipped += skipped;
        }
        return work;
    }

    private void endOpened()
    {
        EventStream stream;
        while ((stream = opened.poll()) != null)
        {
            endQuietly(stream);
        }
    }

    private void endQuietly(final EventStream stream)
    {
        try
        {
            stream.end();
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(new IllegalStateException("event stream of topic '" + stream.topic() +
                "' did not end cleanly", ex));
        }
    }

    @Override
    public void close()
    {
        closed = true;
        wake.run();
        if (pump.isAlive())
        {
            try
            {
                pump.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        else
        {
            endOpened();
        }
    }
}
