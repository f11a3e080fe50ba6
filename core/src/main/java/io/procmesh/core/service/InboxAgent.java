package io.procmesh.core.service;

import io.procmesh.core.agent.Agent;
import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.channel.InboundListener;
import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.rpc.RequestContext;

/**
 * The service's read loop: the inbox first, then each subscribed topic, a bounded batch of each per cycle.
 * <p>
 * De-duplication: an inbox index at or below the slot's last handled index is a replay after a crash (the named
 * tailer's position can lag the handler by one message), and a message id seen within the recent window is a
 * second delivery. Either is counted and skipped, so a handler runs at most once per request.
 */
final class InboxAgent implements Agent, InboundListener
{
    private static final int BATCH = 32;

    private final String roleName;
    private final InboundChannel inbox;
    private final RequestDispatcher dispatcher;
    private final InstanceSlot slot;
    private final ErrorHandler errorHandler;
    private final RecentMessageIds recentIds;
    private final TopicReader[] topics;
    private final StringBuilder errorText = new StringBuilder();

    InboxAgent(
        final String roleName,
        final InboundChannel inbox,
        final RequestDispatcher dispatcher,
        final InstanceSlot slot,
        final ErrorHandler errorHandler,
        final int dedupWindow,
        final TopicReader[] topics)
    {
        this.roleName = roleName;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.slot = slot;
        this.errorHandler = errorHandler;
        this.recentIds = new RecentMessageIds(dedupWindow);
        this.topics = topics;
    }

    @Override
    public int doWork()
    {
        int work = 0;
        for (int i = 0; i < BATCH && inbox.poll(this) > 0; i++)
        {
            work++;
        }
        for (final TopicReader topic : topics)
        {
            work += topic.poll(BATCH);
        }
        return work;
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    @Override
    public void onEnvelope(final Envelope envelope, final long index)
    {
        if (index <= slot.lastHandledIndex() || !recentIds.add(envelope.messageId()))
        {
            slot.incrementDuplicates();
            slot.lastHandledIndex(Math.max(index, slot.lastHandledIndex()));
            return;
        }
        if (envelope.kind() != MessageKind.REQUEST)
        {
            reportBadMessage(index, "a " + envelope.kind() + " in an inbox");
            slot.lastHandledIndex(index);
            return;
        }
        slot.incrementRequestsIn();
        if (envelope.isExpired(System.nanoTime()))
        {
            slot.incrementTimeouts();
            slot.lastHandledIndex(index);
            return;
        }

        // Marked before the handler runs: a crash inside it cannot make a replay run it a second time.
        // That request gets no reply and its caller a timeout, a clear error, never a duplicate effect.
        slot.lastHandledIndex(index);
        final RequestContext context = RequestContext.enter(envelope, index);
        try
        {
            dispatcher.dispatch(envelope);
        }
        finally
        {
            context.exit();
        }
    }

    @Override
    public void onDecodeError(final DecodeResult result, final long index)
    {
        reportBadMessage(index, result.name());
        slot.lastHandledIndex(index);
    }

    private void reportBadMessage(final long index, final String reason)
    {
        slot.incrementDecodeErrors();
        errorText.setLength(0);
        errorText.append(roleName).append(": skipped message at index 0x").append(Long.toHexString(index))
            .append(": ").append(reason);
        errorHandler.onError(new IllegalArgumentException(errorText.toString()));
    }

    @Override
    public void onClose()
    {
        inbox.close();
        for (final TopicReader topic : topics)
        {
            topic.close();
        }
    }
}
