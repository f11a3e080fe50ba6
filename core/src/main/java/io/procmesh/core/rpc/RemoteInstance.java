package io.procmesh.core.rpc;

import io.procmesh.core.channel.OutboundChannel;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.Liveness;

import java.nio.file.Path;

/**
 * A discovered instance of a service: its slot, read lock-free for status, and its inbox, opened on first use.
 */
final class RemoteInstance implements AutoCloseable
{
    private final String instanceId;
    private final Path inbox;
    /**
     * Bound again by the directory after a registry removal: the entry may have been removed and registered anew
     * at another address.
     */
    private volatile InstanceSlot slot;
    private final EnvelopeCodec codec;
    private volatile OutboundChannel channel;

    RemoteInstance(final String instanceId, final Path inbox, final InstanceSlot slot, final EnvelopeCodec codec)
    {
        this.instanceId = instanceId;
        this.inbox = inbox;
        this.slot = slot;
        this.codec = codec;
    }

    String instanceId()
    {
        return instanceId;
    }

    Path inbox()
    {
        return inbox;
    }

    void rebind(final InstanceSlot slot)
    {
        this.slot = slot;
    }

    /**
     * UP and heard from recently: a killed instance keeps saying UP in its slot, but its heartbeat stops.
     */
    boolean isUp(final long nowNs, final long staleNs)
    {
        return Liveness.isLive(slot, nowNs, staleNs);
    }

    OutboundChannel channel()
    {
        OutboundChannel current = channel;
        if (current == null)
        {
            synchronized (this)
            {
                current = channel;
                if (current == null)
                {
                    current = new OutboundChannel(inbox, codec);
                    channel = current;
                }
            }
        }
        return current;
    }

    @Override
    public synchronized void close()
    {
        if (channel != null)
        {
            channel.close();
            channel = null;
        }
    }
}
