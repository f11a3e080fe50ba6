package io.procmesh.core.rpc;

import io.procmesh.core.agent.IdleStrategy;
import io.procmesh.core.message.Envelope;
import net.openhft.chronicle.bytes.Bytes;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A raw call object reused for call after call, so the steady state allocates nothing: the caller writes
 * {@link #request()}, invokes it with {@link RpcClient#invoke}, waits with {@link #await}, then reads
 * {@link #reply()}. One call in flight per object; use several objects to pipeline.
 * <p>
 * Whoever moves the state from WAITING first (the reply reader with the reply, the expiry, close, or
 * {@link #await} itself once the deadline plus {@link #AWAIT_GRACE_NS} has passed) completes the call; the others
 * find it taken and do nothing.
 */
public final class ReusableCall extends PendingCall
{
    /**
     * How long after the deadline {@link #await} stops waiting for the reply reader to expire the call, should that
     * reader be stuck.
     */
    public static final long AWAIT_GRACE_NS = 1_000_000_000L;

    private static final int IDLE = 0;
    private static final int WAITING = 1;
    private static final int COMPLETING = 2;
    private static final int REPLIED = 3;
    private static final int FAILED = 4;
    private static final AtomicIntegerFieldUpdater<ReusableCall> STATE =
        AtomicIntegerFieldUpdater.newUpdater(ReusableCall.class, "state");

    private final String targetService;
    private final String targetOperation;
    private final Bytes<?> request = Bytes.allocateElasticDirect(256);
    private final Bytes<?> reply = Bytes.allocateElasticDirect(256);
    private volatile int state = IDLE;
    private Throwable failure;
    private PendingCalls owner;

    public ReusableCall(final String service, final String operation)
    {
        this.targetService = service;
        this.targetOperation = operation;
        // Written by the reply reader, read by the caller: the volatile state orders the hand-over.
        reply.singleThreadedCheckDisabled(true);
        request.singleThreadedCheckDisabled(true);
    }

    public String service()
    {
        return targetService;
    }

    public String operation()
    {
        return targetOperation;
    }

    /**
     * @return the request payload to fill before invoking; cleared by the caller, not by procmesh.
     */
    public Bytes<?> request()
    {
        return request;
    }

    /**
     * @return the reply payload, valid after {@link #await} returned true and until the next invoke.
     */
    public Bytes<?> reply()
    {
        return reply;
    }

    /**
     * @return the reason the last call failed, or null.
     */
    public Throwable failure()
    {
        return failure;
    }

    public boolean isDone()
    {
        return state >= REPLIED;
    }

    /**
     * Waits for the reply or the deadline, idling with the given strategy. Bounded: should the reply reader not
     * expire the call, this gives up {@link #AWAIT_GRACE_NS} after the deadline with a timeout failure.
     *
     * @return true on a reply, false on a failure ({@link #failure()} says which).
     */
    public boolean await(final IdleStrategy idleStrategy)
    {
        int current;
        while ((current = state) == WAITING || current == COMPLETING)
        {
            if (current == WAITING && System.nanoTime() - deadlineNs - AWAIT_GRACE_NS > 0)
            {
                giveUp();
            }
            idleStrategy.idle(0);
        }
        idleStrategy.reset();
        return current == REPLIED;
    }

    private void giveUp()
    {
        if (STATE.compareAndSet(this, WAITING, COMPLETING))
        {
            final PendingCalls calls = owner;
            if (calls != null && calls.take(correlationId, messageId) == null)
            {
                // The reply reader holds it and completes it in a moment; its outcome is the reader's to record,
                // and this call must not be reused while the reader still touches it.
                state = WAITING;
                return;
            }
            recordTimeout();
            failure = new ServiceTimeoutException(targetService, targetOperation, timeoutMs);
            state = FAILED;
        }
    }

    boolean begin(final PendingCalls calls)
    {
        final int current = state;
        if (current == WAITING || current == COMPLETING)
        {
            return false;
        }
        owner = calls;
        failure = null;
        reply.clear();
        // Far in the future until start() sets the real deadline: a thread that awaits this call and sees WAITING
        // before it sees that deadline must not give up on the previous call's deadline.
        deadlineNs = System.nanoTime() + (1L << 62);
        state = WAITING;
        return true;
    }

    @Override
    void onResponse(final Envelope response)
    {
        if (STATE.compareAndSet(this, WAITING, COMPLETING))
        {
            final Bytes<?> payload = response.payload();
            reply.write(payload, payload.readPosition(), payload.readRemaining());
            state = REPLIED;
        }
    }

    @Override
    void onFailure(final Throwable error)
    {
        if (STATE.compareAndSet(this, WAITING, COMPLETING))
        {
            failure = error;
            state = FAILED;
        }
    }
}
