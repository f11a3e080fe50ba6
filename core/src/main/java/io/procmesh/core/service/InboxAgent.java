package io.procmesh.core.service;

import io.procmesh.core.agent.Agent;
import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.channel.HandledMark;
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
 * De-duplication: each inbox index is claimed on the inbox's {@link HandledMark} with a compare-and-set before
 * anything else. An index at or below the mark is a replay after a crash (the named tailer's position can lag the
 * handler by one message) or another reader's, and a message id seen within the recent window is a second
 * delivery. Either is counted and skipped, so a handler runs at most once per request. The slot gets a copy of
 * the mark for status and progress.
 * <p>
 * Each cycle first runs the work other threads handed over ({@link InboxTasks}: async replies and the
 * continuations of async calls), then reads. While {@code procmesh.maxAsyncReplies} replies are owed it reads no
 * new request; once {@link #stopTaking()} was called (closing) it reads nothing new and only finishes that work.
 */
final class InboxAgent implements Agent, InboundListener
{
    private static final int BATCH = 32;

    private final String roleName;
    private final InboundChannel inbox;
    private final RequestDispatcher dispatcher;
    private final InstanceSlot slot;
    private final HandledMark mark;
    private final long bootFence;
    private final ErrorHandler errorHandler;
    private final RecentMessageIds recentIds;
    private final TopicReader[] topics;
    private final InboxTasks tasks;
    private volatile boolean taking = true;
    private final StringBuilder errorText = new StringBuilder();

    InboxAgent(
        final String roleName,
        final InboundChannel inbox,
        final RequestDispatcher dispatcher,
        final InstanceSlot slot,
        final HandledMark mark,
        final ErrorHandler errorHandler,
        final int dedupWindow,
        final TopicReader[] topics,
        final InboxTasks tasks)
    {
        this.tasks = tasks;
        this.roleName = roleName;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.slot = slot;
        this.mark = mark;
        this.bootFence = inbox.bootFenceIndex();
        this.errorHandler = errorHandler;
        this.recentIds = new RecentMessageIds(dedupWindow);
        this.topics = topics;
    }

    @Override
    public void onStart()
    {
        tasks.bind(Thread.currentThread());
        RequestContext.bindHandlerExecutor(tasks);
    }

    @Override
    public int doWork()
    {
        int work = tasks.drain(BATCH);
        if (!taking)
        {
            return work;
        }
        for (int i = 0; i < BATCH && dispatcher.mayTakeRequests() && inbox.poll(this) > 0; i++)
        {
            work++;
        }
        for (final TopicReader topic : topics)
        {
            work += topic.poll(BATCH);
        }
        return work;
    }

    /**
     * Closing: read no new request or event, only finish the replies and continuations already owed.
     */
    void stopTaking()
    {
        taking = false;
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    @Override
    public void onEnvelope(final Envelope envelope, final long index)
    {
        // Claimed before the handler runs: a crash inside it cannot make a replay run it a second time, and a
        // second reader of this inbox cannot run it too. That request gets no reply and its caller a timeout, a
        // clear error, never a duplicate effect.
        if (!mark.claim(index))
        {
            slot.incrementDuplicates();
            return;
        }
        slot.lastHandledIndex(index);
        if (!recentIds.add(envelope.messageId()))
        {
            slot.incrementDuplicates();
            return;
        }
        if (envelope.kind() != MessageKind.REQUEST)
        {
            reportBadMessage(index, "a " + envelope.kind() + " in an inbox");
            return;
        }
        slot.incrementRequestsIn();
        // A request written in an earlier boot of the host carries a deadline on a clock that has restarted.
        if (index <= bootFence || envelope.isExpired(System.nanoTime()))
        {
            slot.incrementTimeouts();
            return;
        }

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
        if (mark.claim(index))
        {
            slot.lastHandledIndex(index);
            reportBadMessage(index, result.name());
        }
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
