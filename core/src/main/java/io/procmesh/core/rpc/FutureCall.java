package io.procmesh.core.rpc;

import io.procmesh.core.message.Envelope;

import java.util.concurrent.CompletableFuture;

/**
 * A call completed through a {@link CompletableFuture}: the typed and JSON paths.
 */
final class FutureCall<T> extends PendingCall
{
    final CompletableFuture<T> future = new CompletableFuture<>();
    private final ResponseDecoder<T> decoder;

    FutureCall(final ResponseDecoder<T> decoder)
    {
        this.decoder = decoder;
    }

    @Override
    void onResponse(final Envelope response)
    {
        try
        {
            future.complete(decoder.decode(response));
        }
        catch (final Exception ex)
        {
            future.completeExceptionally(ex);
        }
    }

    @Override
    void onFailure(final Throwable error)
    {
        future.completeExceptionally(error);
    }
}
