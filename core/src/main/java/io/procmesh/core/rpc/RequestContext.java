package io.procmesh.core.rpc;

import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.TraceContext;

import java.util.concurrent.Executor;

/**
 * The request a handler is serving on this thread: its message id (for idempotent effects), deadline and trace.
 * Calls made from inside a handler continue its trace and get what is left of its deadline (see
 * {@code RequestSender}). A service's inbox thread also carries its {@linkplain #handlerExecutor() executor}, on
 * which the futures of async calls made from a handler complete ({@link HandlerFuture}).
 */
public final class RequestContext
{
    private static final ThreadLocal<RequestContext> CURRENT = ThreadLocal.withInitial(RequestContext::new);

    private long messageId;
    private long deadlineNs;
    private long queueIndex;
    private final TraceContext trace = new TraceContext();
    private boolean active;
    private Executor handlerExecutor;

    private RequestContext()
    {
    }

    /**
     * @return this thread's context; {@link #isActive()} tells whether a request is being served.
     */
    public static RequestContext current()
    {
        return CURRENT.get();
    }

    /**
     * @return the trace of the request being served on this thread, or null outside a handler.
     */
    public static TraceContext currentTrace()
    {
        final RequestContext context = CURRENT.get();
        return context.active ? context.trace : null;
    }

    public static RequestContext enter(final Envelope envelope, final long queueIndex)
    {
        final RequestContext context = CURRENT.get();
        context.messageId = envelope.messageId();
        context.deadlineNs = envelope.deadlineNs();
        context.queueIndex = queueIndex;
        context.trace.copyFrom(envelope.trace());
        context.active = true;
        return context;
    }

    /**
     * Re-enters a request on this thread to run a continuation of its handler: an async call's completion.
     */
    static RequestContext resume(
        final long messageId, final long deadlineNs, final long queueIndex, final TraceContext trace)
    {
        final RequestContext context = CURRENT.get();
        context.messageId = messageId;
        context.deadlineNs = deadlineNs;
        context.queueIndex = queueIndex;
        context.trace.copyFrom(trace);
        context.active = true;
        return context;
    }

    /**
     * Marks this thread as a service's handler thread, whose work (handlers, their replies and continuations) runs
     * in order on it; called once by the service's read loop as it starts.
     */
    public static void bindHandlerExecutor(final Executor executor)
    {
        CURRENT.get().handlerExecutor = executor;
    }

    /**
     * @return the executor of this thread's service loop, or null on any other thread.
     */
    public Executor handlerExecutor()
    {
        return handlerExecutor;
    }

    public void exit()
    {
        active = false;
    }

    public boolean isActive()
    {
        return active;
    }

    /**
     * @return the id of the message being handled, unique per request: key idempotent writes with it.
     */
    public long messageId()
    {
        return messageId;
    }

    public long deadlineNs()
    {
        return deadlineNs;
    }

    public long queueIndex()
    {
        return queueIndex;
    }

    public TraceContext trace()
    {
        return trace;
    }
}
