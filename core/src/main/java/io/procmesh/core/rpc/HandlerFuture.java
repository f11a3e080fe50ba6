package io.procmesh.core.rpc;

import io.procmesh.core.message.TraceContext;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future an async proxy call returns inside a handler. It completes on the handler's own thread (the service's
 * read loop, through its executor) with the handler's request re-entered, so a continuation ({@code thenApply},
 * {@code thenCompose}, ...) runs where the handler ran: one thread touches the service's state, the reply reader
 * never runs service code, and calls the continuation makes continue the request's trace and deadline.
 * <p>
 * Waiting on it from that thread before it completes could never end (the completion needs the thread), so
 * {@link #get()} and {@link #join()} throw {@link IllegalStateException} there instead: use the blocking proxy, or
 * return the future from the handler.
 */
final class HandlerFuture<T> extends CompletableFuture<T>
{
    private final Thread handlerThread;

    private HandlerFuture(final Thread handlerThread)
    {
        this.handlerThread = handlerThread;
    }

    /**
     * @return {@code call} itself outside a handler; inside one, a future that completes on the handler's thread.
     */
    static <T> CompletableFuture<T> continueOnHandlerThread(final CompletableFuture<T> call)
    {
        final RequestContext context = RequestContext.current();
        final Executor executor = context.handlerExecutor();
        if (executor == null || !context.isActive())
        {
            return call;
        }
        final HandlerFuture<T> result = new HandlerFuture<>(Thread.currentThread());
        final long messageId = context.messageId();
        final long deadlineNs = context.deadlineNs();
        final long queueIndex = context.queueIndex();
        final TraceContext trace = new TraceContext().copyFrom(context.trace());
        call.whenComplete((value, error) -> executor.execute(() ->
        {
            final RequestContext resumed = RequestContext.resume(messageId, deadlineNs, queueIndex, trace);
            try
            {
                if (error != null)
                {
                    result.completeExceptionally(error);
                }
                else
                {
                    result.complete(value);
                }
            }
            finally
            {
                resumed.exit();
            }
        }));
        return result;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture()
    {
        return new HandlerFuture<>(handlerThread);
    }

    @Override
    public T get() throws InterruptedException, ExecutionException
    {
        refuseToBlockHandlerThread();
        return super.get();
    }

    @Override
    public T get(final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        refuseToBlockHandlerThread();
        return super.get(timeout, unit);
    }

    @Override
    public T join()
    {
        refuseToBlockHandlerThread();
        return super.join();
    }

    private void refuseToBlockHandlerThread()
    {
        if (!isDone() && Thread.currentThread() == handlerThread)
        {
            throw new IllegalStateException("waiting on an async call's future on the service's own thread would " +
                "never end (the future completes on that thread): use the blocking proxy, or return the future");
        }
    }
}
