package io.procmesh.core.service;

import com.fasterxml.jackson.databind.JavaType;
import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.channel.InboundListener;
import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.core.rpc.RequestContext;

import java.util.function.Consumer;

/**
 * Reads one subscribed topic through a tailer named after the service, so the service's position survives
 * restarts and events published while it was down are handled when it returns.
 */
final class TopicReader implements InboundListener, AutoCloseable
{
    private final InboundChannel channel;
    private final JavaType eventType;
    private final Consumer<Object> handler;
    private final JsonPayloads json;
    private final InstanceSlot slot;
    private final ErrorHandler errorHandler;
    private final RecentMessageIds recentIds;

    @SuppressWarnings("unchecked")
    TopicReader(
        final InboundChannel channel,
        final Subscription<?> subscription,
        final JsonPayloads json,
        final InstanceSlot slot,
        final ErrorHandler errorHandler,
        final int dedupWindow)
    {
        this.channel = channel;
        this.eventType = json.type(subscription.eventType());
        this.handler = (Consumer<Object>)subscription.handler();
        this.json = json;
        this.slot = slot;
        this.errorHandler = errorHandler;
        this.recentIds = new RecentMessageIds(dedupWindow);
    }

    int poll(final int batch)
    {
        int work = 0;
        for (int i = 0; i < batch && channel.poll(this) > 0; i++)
        {
            work++;
        }
        return work;
    }

    @Override
    public void onEnvelope(final Envelope envelope, final long index)
    {
        if (envelope.kind() != MessageKind.EVENT)
        {
            onDecodeError(DecodeResult.UNKNOWN_KIND, index);
            return;
        }
        if (!recentIds.add(envelope.messageId()))
        {
            slot.incrementDuplicates();
            return;
        }
        final RequestContext context = RequestContext.enter(envelope, index);
        try
        {
            handler.accept(json.read(envelope.payload(), eventType));
        }
        catch (final Exception ex)
        {
            slot.incrementErrors();
            errorHandler.onError(new IllegalStateException(
                "event handler failed on " + channel.path() + " at index 0x" + Long.toHexString(index), ex));
        }
        finally
        {
            context.exit();
        }
    }

    @Override
    public void onDecodeError(final DecodeResult result, final long index)
    {
        slot.incrementDecodeErrors();
        errorHandler.onError(new IllegalArgumentException(
            "skipped message on " + channel.path() + " at index 0x" + Long.toHexString(index) + ": " + result));
    }

    @Override
    public void close()
    {
        channel.close();
    }
}
