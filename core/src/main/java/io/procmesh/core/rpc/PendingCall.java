package io.procmesh.core.rpc;

import io.procmesh.core.message.Envelope;

/**
 * A call waiting for its reply. The reply reader completes it exactly once: with the response, an error, or a
 * timeout at its deadline.
 */
public abstract class PendingCall
{
    String service;
    String operation;
    long deadlineNs;
    long timeoutMs;
    /**
     * The request's message id; a reply must carry it as well as the correlation id (see {@link PendingCalls}).
     */
    long messageId;
    volatile long correlationId;

    void start(final String service, final String operation, final long deadlineNs, final long timeoutMs)
    {
        this.service = service;
        this.operation = operation;
        this.deadlineNs = deadlineNs;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Called on the reply reader's thread with a RESPONSE; the envelope is reused after the call returns.
     */
    abstract void onResponse(Envelope response);

    abstract void onFailure(Throwable error);
}
