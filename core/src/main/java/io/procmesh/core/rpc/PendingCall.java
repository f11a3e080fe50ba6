package io.procmesh.core.rpc;

import io.procmesh.core.breaker.CircuitBreaker;
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
    /**
     * The breaker that let the call go, null if none did (no breaker, or the call failed before it asked); cleared
     * when the outcome is recorded, so a call counts once however it ends.
     */
    CircuitBreaker breaker;
    long breakerPermit;
    long startNs;
    /**
     * The deadline was cut to less than half the call's own timeout by the budget of the request being handled: a
     * timeout then says more of the caller's hurry than of the target.
     */
    boolean budgetBound;

    void start(final String service, final String operation, final long deadlineNs, final long timeoutMs)
    {
        this.service = service;
        this.operation = operation;
        this.deadlineNs = deadlineNs;
        this.timeoutMs = timeoutMs;
        this.target = null;
        this.keyHash = LoadBalancer.NO_KEY;
        this.retried = false;
        this.breaker = null;
        this.budgetBound = false;
    }

    /**
     * Completes the call with its response, recorded as a success by its breaker.
     */
    final void respond(final Envelope response)
    {
        recordOutcome(false);
        onResponse(response);
    }

    /**
     * Fails the call. Its breaker counts a timeout or the target's INTERNAL failure against the target, and a
     * refusal of the request's content (the target answered) as a success; a call that was never delivered
     * ({@link ServiceUnavailableException}: no instance, the instance died, the client closed) counts as neither.
     */
    final void fail(final Throwable error)
    {
        if (error instanceof ServiceUnavailableException || error instanceof ServiceTimeoutException && budgetBound)
        {
            releaseBreaker();
        }
        else
        {
            recordOutcome(countsAgainstTarget(error));
        }
        onFailure(error);
    }

    /**
     * A timeout, or the target's own INTERNAL failure: not one it passed on from a service it called, which that
     * service's breaker in the target judges, so that one sick service does not open the breakers of every caller
     * up the chain.
     */
    private static boolean countsAgainstTarget(final Throwable error)
    {
        return error instanceof ServiceTimeoutException ||
            error instanceof RemoteServiceException remote && remote.code() == FailureCode.INTERNAL &&
            !RemoteServiceException.class.getName().equals(remote.remoteType());
    }

    /**
     * Records a timeout the caller itself gave up on ({@link ReusableCall}), having taken the call from the table.
     */
    final void recordTimeout()
    {
        if (budgetBound)
        {
            releaseBreaker();
        }
        else
        {
            recordOutcome(true);
        }
    }

    /**
     * Fails a call that never reached its target: its breaker counts nothing.
     */
    final void failUnsent(final Throwable error)
    {
        releaseBreaker();
        onFailure(error);
    }

    private void recordOutcome(final boolean failed)
    {
        final CircuitBreaker taken = breaker;
        if (taken != null)
        {
            breaker = null;
            final long nowNs = System.nanoTime();
            taken.onOutcome(breakerPermit, nowNs, nowNs - startNs, failed);
        }
    }

    private void releaseBreaker()
    {
        final CircuitBreaker taken = breaker;
        if (taken != null)
        {
            breaker = null;
            taken.release(breakerPermit);
        }
    }

    /**
     * Called on the reply reader's thread with a RESPONSE; the envelope is reused after the call returns.
     */
    abstract void onResponse(Envelope response);

    abstract void onFailure(Throwable error);
}
