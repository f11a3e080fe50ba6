package io.procmesh.core.rpc;

import io.procmesh.core.agent.IdleStrategy;
import io.procmesh.core.message.Envelope;
import net.openhft.chronicle.bytes.Bytes;

/**
 * A raw call object reused for call after call, so the steady state allocates nothing: the caller writes
 * {@link #request()}, invokes it with {@link RpcClient#invoke}, waits with {@link #await}, then reads
 * {@link #reply()}. One call in flight per object; use several objects to pipeline.
 */
public final class ReusableCall extends PendingCall
{
    private static final int IDLE = 0;
    private static final int WAITING = 1;
    private static final int REPLIED = 2;
    private static final int FAILED = 3;

    private final String targetService;
    private final String targetOperation;
    private final Bytes<?> request = Bytes.allocateElasticDirect(256);
    private final Bytes<?> reply = Bytes.allocateElasticDirect(256);
    private volatile int state = IDLE;
    private Throwable failure;

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
     * Waits for the reply or the deadline, idling with the given strategy.
     *
     * @return true on a reply, false on a failure ({@link #failure()} says which).
     */
    public boolean await(final IdleStrategy idleStrategy)
    {
        int current;
        while ((current = state) == WAITING)
        {
            idleStrategy.idle(0);
        }
        idleStrategy.reset();
        return current == REPLIED;
    }

    boolean begin()
    {
        if (state == WAITING)
        {
            return false;
        }
        failure = null;
        reply.clear();
        state = WAITING;
        return true;
    }

    @Override
    void onResponse(final Envelope response)
    {
        final Bytes<?> payload = response.payload();
        reply.write(payload, payload.readPosition(), payload.readRemaining());
        state = REPLIED;
    }

    @Override
    void onFailure(final Throwable error)
    {
        failure = error;
        state = FAILED;
    }
}
