package io.procmesh.core.service;

import io.procmesh.core.channel.OutboundChannel;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;

import java.util.concurrent.TimeUnit;

/**
 * Open reply queues by caller instance id, at most {@code maxOpen} of them, each closed once idle for
 * {@code idleNs}: callers come and go (default ids are per process), and an open queue keeps its files mapped.
 * Callers are few, so a scan that compares the envelope's reply-to in place beats a map that would need a String
 * key per message. Sends go through here, under the monitor, so a queue is never closed under a send.
 */
final class ReplyChannels implements AutoCloseable
{
    static final int DEFAULT_MAX_OPEN = 64;
    static final long DEFAULT_IDLE_NS = TimeUnit.SECONDS.toNanos(30);

    private final DataDirectory dataDirectory;
    private final EnvelopeCodec codec;
    private final long idleNs;
    private final String[] instanceIds;
    private final OutboundChannel[] channels;
    private final long[] lastUsedNs;
    private int count;

    ReplyChannels(final DataDirectory dataDirectory, final EnvelopeCodec codec)
    {
        this(dataDirectory, codec, DEFAULT_MAX_OPEN, DEFAULT_IDLE_NS);
    }

    ReplyChannels(final DataDirectory dataDirectory, final EnvelopeCodec codec, final int maxOpen, final long idleNs)
    {
        this.dataDirectory = dataDirectory;
        this.codec = codec;
        this.idleNs = idleNs;
        this.instanceIds = new String[maxOpen];
        this.channels = new OutboundChannel[maxOpen];
        this.lastUsedNs = new long[maxOpen];
    }

    /**
     * Appends a reply to the queue of its {@code replyTo} caller, opening it if needed (closing the least recently
     * used one when {@code maxOpen} are open).
     */
    synchronized void send(final Envelope reply)
    {
        final long nowNs = System.nanoTime();
        int i = find(reply.replyTo());
        if (i < 0)
        {
            if (count == channels.length)
            {
                closeAt(leastRecentlyUsed());
            }
            i = count;
            final String id = reply.replyTo().toString();
            channels[i] = new OutboundChannel(dataDirectory.replies(id), codec);
            instanceIds[i] = id;
            count++;
        }
        lastUsedNs[i] = nowNs;
        channels[i].send(reply);
    }

    /**
     * Closes the queues not used for the idle time; called on the heartbeat thread.
     */
    synchronized void closeIdle(final long nowNs)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            if (nowNs - lastUsedNs[i] > idleNs)
            {
                closeAt(i);
            }
        }
    }

    synchronized int openCount()
    {
        return count;
    }

    private int find(final CharSequence instanceId)
    {
        for (int i = 0; i < count; i++)
        {
            if (instanceIds[i].contentEquals(instanceId))
            {
                return i;
            }
        }
        return -1;
    }

    private int leastRecentlyUsed()
    {
        int oldest = 0;
        for (int i = 1; i < count; i++)
        {
            if (lastUsedNs[i] - lastUsedNs[oldest] < 0)
            {
                oldest = i;
            }
        }
        return oldest;
    }

    private void closeAt(final int i)
    {
        channels[i].close();
        final int last = --count;
        channels[i] = channels[last];
        instanceIds[i] = instanceIds[last];
        lastUsedNs[i] = lastUsedNs[last];
        channels[last] = null;
        instanceIds[last] = null;
    }

    @Override
    public synchronized void close()
    {
        while (count > 0)
        {
            closeAt(count - 1);
        }
    }
}
