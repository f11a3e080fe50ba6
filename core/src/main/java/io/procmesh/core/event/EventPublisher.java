package io.procmesh.core.event;

import io.procmesh.core.channel.OutboundChannel;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.message.PayloadFormat;
import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.core.rpc.RequestContext;

import java.util.function.LongSupplier;

/**
 * Appends events to a persisted topic. Subscribers read it at their own pace; a subscriber that is down finds
 * the events waiting when it comes back. Thread-safe.
 */
public final class EventPublisher implements AutoCloseable
{
    private final String topic;
    private final String sourceInstance;
    private final OutboundChannel channel;
    private final JsonPayloads json;
    private final LongSupplier messageIds;
    private final ThreadLocal<Envelope> outgoing = ThreadLocal.withInitial(Envelope::new);

    public EventPublisher(
        final String topic,
        final String sourceInstance,
        final OutboundChannel channel,
        final JsonPayloads json,
        final LongSupplier messageIds)
    {
        this.topic = topic;
        this.sourceInstance = sourceInstance;
        this.channel = channel;
        this.json = json;
        this.messageIds = messageIds;
    }

    public String topic()
    {
        return topic;
    }

    /**
     * @return the topic index the event was written at.
     */
    public long publish(final Object event)
    {
        final Envelope envelope = outgoing.get().reset()
            .messageId(messageIds.getAsLong())
            .kind(MessageKind.EVENT)
            .sourceInstance(sourceInstance)
            .targetService(topic)
            .operation(event.getClass().getSimpleName())
            .sendTimeNs(System.nanoTime())
            .payloadFormat(PayloadFormat.JSON);
        envelope.trace().childOf(RequestContext.currentTrace());
        json.write(event, envelope.payload());
        return channel.send(envelope);
    }

    @Override
    public void close()
    {
        channel.close();
    }
}
