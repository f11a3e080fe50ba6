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
    /**
     * The instance the request went to, set before the call is registered; its count of this caller's calls in
     * flight covers the call while it is in the table.
     */
    RemoteInstance target;
    /**
     * The affinity key's hash ({@link LoadBalancer#NO_KEY} if none), kept for a retry to pick by.
     */
    long keyHash;
    /**
     * Rewrites the request payload for a retry on another instance; null unless the operation is
     * {@link Idempotent} and has not been retried yet (a call is retried at most once). Set by the caller before
     * the call starts: the instance may die as soon as the request is sent.
     */
    PayloadWriter retryPayload;
    io.procmesh.core.message.PayloadFormat format;
    boolean retried;

    void start(final String service, final String operation, final long deadlineNs, final long timeoutMs)
    {
        this.service = service;
        this.operation = operation;
        this.deadlineNs = deadlineNs;
        this.timeoutMs = timeoutMs;
        this.target = null;
        this.keyHash = LoadBalancer.NO_KEY;
        this.retried = false;
    }

    /**
     * Called on the reply reader's thread with a RESPONSE; the envelope is reused after the call returns.
     */
    abstract void onResponse(Envelope response);

    abstract void onFailure(Throwable error);
}
