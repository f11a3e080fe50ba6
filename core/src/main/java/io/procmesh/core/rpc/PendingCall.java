package io.procmesh.core.rpc;

import java.util.concurrent.CompletableFuture;

/**
 * A call waiting for its reply.
 */
final class PendingCall<T>
{
    final CompletableFuture<T> future = new CompletableFuture<>();
    final String service;
    final String operation;
    final ResponseDecoder<T> decoder;
    final long deadlineNs;
    final long timeoutMs;
    volatile long correlationId;

    PendingCall(
        final String service,
        final String operation,
        final ResponseDecoder<T> decoder,
        final long deadlineNs,
        final long timeoutMs)
    {
        this.service = service;
        this.operation = operation;
        this.decoder = decoder;
        this.deadlineNs = deadlineNs;
        this.timeoutMs = timeoutMs;
    }
}
