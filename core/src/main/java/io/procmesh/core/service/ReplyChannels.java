package io.procmesh.core.service;

import io.procmesh.core.channel.OutboundChannel;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.message.EnvelopeCodec;

import java.util.Arrays;

/**
 * Open reply queues by caller instance id. Callers are few, so a scan that compares the envelope's reply-to in
 * place beats a map that would need a String key per message.
 */
final class ReplyChannels implements AutoCloseable
{
    private final DataDirectory dataDirectory;
    private final EnvelopeCodec codec;
    private String[] instanceIds = new String[0];
    private OutboundChannel[] channels = new OutboundChannel[0];

    ReplyChannels(final DataDirectory dataDirectory, final EnvelopeCodec codec)
    {
        this.dataDirectory = dataDirectory;
        this.codec = codec;
    }

    synchronized OutboundChannel forInstance(final CharSequence instanceId)
    {
        for (int i = 0; i < instanceIds.length; i++)
        {
            if (instanceIds[i].contentEquals(instanceId))
            {
                return channels[i];
            }
        }
        final String id = instanceId.toString();
        final OutboundChannel channel = new OutboundChannel(dataDirectory.replies(id), codec);
        instanceIds = Arrays.copyOf(instanceIds, instanceIds.length + 1);
        channels = Arrays.copyOf(channels, channels.length + 1);
        instanceIds[instanceIds.length - 1] = id;
        channels[channels.length - 1] = channel;
        return channel;
    }

    @Override
    public synchronized void close()
    {
        for (final OutboundChannel channel : channels)
        {
            channel.close();
        }
        instanceIds = new String[0];
        channels = new OutboundChannel[0];
    }
}
