package io.procmesh.core.rpc;

import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.TraceContext;

/**
 * The request a handler is serving on this thread: its message id (for idempotent effects), deadline and trace.
 * Calls made from inside a handler continue its trace.
 */
public final class RequestContext
{
    private static final ThreadLocal<RequestContext> CURRENT = ThreadLocal.withInitial(RequestContext::new);

    private long messageId;
    private long deadlineNs;
    private long queueIndex;
    private final TraceContext trace = new TraceContext();
    private boolean active;

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
