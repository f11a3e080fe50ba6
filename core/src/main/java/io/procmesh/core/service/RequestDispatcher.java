package io.procmesh.core.service;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.channel.ChannelLockedException;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeTooLargeException;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.message.PayloadFormat;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.rpc.ErrorPayload;
import io.procmesh.core.rpc.FailureCode;
import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.core.rpc.OperationTable;
import io.procmesh.core.rpc.ServiceException;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Invokes the handler for one request and writes the response or error to the caller's reply queue.
 * A handler exception becomes an ERROR reply naming the service, operation and cause; it never becomes a hang.
 * <p>
 * A handler that returns a {@link CompletableFuture} is answered when the future completes, from whatever thread
 * completes it: the completion hands the reply to the read loop ({@link InboxTasks}), which writes it in its next
 * duty cycle, so only the loop's thread ever writes a reply queue and this class's reply envelope. A future that
 * fails is answered as a thrown exception would be (its {@link CompletionException} wrapper removed).
 */
final class RequestDispatcher
{
    private final String service;
    private final String instanceId;
    private final Object implementation;
    private final OperationTable operations;
    private final RawRequestHandler rawHandler;
    private final JsonPayloads json;
    private final ReplyChannels replyChannels;
    private final InstanceSlot slot;
    private final ErrorHandler errorHandler;
    private final InboxTasks tasks;
    private final int maxAsyncReplies;
    private final AtomicInteger asyncInFlight = new AtomicInteger();
    private static final int REPLY_LOCK_ATTEMPTS = 4;

    private final Envelope reply = new Envelope();

    RequestDispatcher(
        final String service,
        final String instanceId,
        final Object implementation,
        final OperationTable operations,
        final RawRequestHandler rawHandler,
        final JsonPayloads json,
        final ReplyChannels replyChannels,
        final InstanceSlot slot,
        final ErrorHandler errorHandler,
        final InboxTasks tasks,
        final int maxAsyncReplies)
    {
        this.tasks = tasks;
        this.maxAsyncReplies = maxAsyncReplies;
        this.service = service;
        this.instanceId = instanceId;
        this.implementation = implementation;
        this.operations = operations;
        this.rawHandler = rawHandler;
        this.json = json;
        this.replyChannels = replyChannels;
        this.slot = slot;
        this.errorHandler = errorHandler;
    }

    /**
     * @return how many async handlers have not been answered yet.
     */
    int asyncInFlight()
    {
        return asyncInFlight.get();
    }

    /**
     * @return false while {@code procmesh.maxAsyncReplies} replies are owed: the loop then takes no new request.
     */
    boolean mayTakeRequests()
    {
        return asyncInFlight.get() < maxAsyncReplies;
    }

    /**
     * Publishes in the slot what this instance took and has not answered (the request in hand, async replies owed)
     * for least-outstanding callers; ordered writes by this loop's thread only, around each request.
     */
    void dispatch(final Envelope request)
    {
        slot.outstanding(asyncInFlight.get() + 1L);
        try
        {
            handle(request);
        }
        finally
        {
            slot.outstanding(asyncInFlight.get());
        }
    }

    private void handle(final Envelope request)
    {
        if (rawHandler != null)
        {
            dispatchRaw(request);
            return;
        }
        final OperationTable.Entry entry = operations.find(request.operation());
        if (entry == null)
        {
            replyError(request, new ServiceException(FailureCode.NOT_FOUND,
                "service '" + service + "' has no operation '" + request.operation() + "'; it has " + operations.names()));
            return;
        }

        final Object[] arguments;
        try
        {
            arguments = readArguments(request, entry.parameterTypes());
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            replyError(request, invalidArguments(ex));
            return;
        }

        final Object result;
        try
        {
            result = entry.method().invoke(implementation, arguments);
        }
        catch (final InvocationTargetException ex)
        {
            replyError(request, ex.getCause());
            return;
        }
        catch (final IllegalAccessException ex)
        {
            replyError(request, ex);
            return;
        }

        if (result instanceof CompletableFuture<?> future)
        {
            replyLater(request, future);
        }
        else
        {
            replyResult(request, result);
        }
    }

    private void dispatchRaw(final Envelope request)
    {
        final Envelope reply = startReply(request, MessageKind.RESPONSE).payloadFormat(PayloadFormat.RAW);
        try
        {
            rawHandler.onRequest(request, reply.payload());
        }
        catch (final Exception ex)
        {
            replyError(request, ex);
            return;
        }
        if (request.replyTo().length() != 0)
        {
            sendOrReplyError(request, reply);
        }
    }

    private Object[] readArguments(final Envelope request, final JavaType[] types) throws IOException
    {
        if (types.length == 0)
        {
            return null;
        }
        if (request.payloadFormat() != PayloadFormat.JSON)
        {
            throw new IllegalArgumentException("payload must be JSON, was " + request.payloadFormat());
        }
        if (types.length == 1)
        {
            return new Object[]{json.read(request.payload(), types[0])};
        }
        final JsonNode array = json.read(request.payload(), json.type(JsonNode.class));
        if (array == null || !array.isArray() || array.size() != types.length)
        {
            throw new IllegalArgumentException("expected a JSON array of " + types.length + " arguments");
        }
        final ObjectMapper mapper = json.mapper();
        final Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++)
        {
            arguments[i] = mapper.treeToValue(array.get(i), types[i]);
        }
        return arguments;
    }

    private static ServiceException invalidArguments(final Exception ex)
    {
        String field = null;
        String message = ex.getMessage();
        if (ex instanceof JsonMappingException mapping)
        {
            final StringBuilder path = new StringBuilder();
            for (final JsonMappingException.Reference reference : mapping.getPath())
            {
                if (reference.getFieldName() != null)
                {
                    path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
                }
            }
            field = path.length() == 0 ? null : path.toString();
            message = mapping.getOriginalMessage();
        }
        return new ServiceException(FailureCode.INVALID_ARGUMENT, field,
            (field == null ? "" : "field '" + field + "': ") + message);
    }

    private void replyLater(final Envelope request, final CompletableFuture<?> future)
    {
        if (future.isDone())
        {
            // Completed already: whenComplete runs at once, on this thread, while the request is still in hand.
            future.whenComplete((value, error) -> replyOutcome(request, value, error));
            return;
        }
        final Envelope copy = copyHeader(request);
        asyncInFlight.incrementAndGet();
        future.whenComplete((value, error) -> tasks.execute(() ->
        {
            try
            {
                replyOutcome(copy, value, error);
            }
            finally
            {
                slot.outstanding(asyncInFlight.decrementAndGet());
            }
        }));
    }

    private void replyOutcome(final Envelope request, final Object value, final Throwable error)
    {
        if (error != null)
        {
            replyError(request, unwrap(error));
        }
        else
        {
            replyResult(request, value);
        }
    }

    /**
     * A stage of a future chain wraps what a handler threw in a CompletionException; the caller gets the cause.
     */
    private static Throwable unwrap(final Throwable error)
    {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) &&
            cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Envelope copyHeader(final Envelope request)
    {
        final Envelope copy = new Envelope()
            .messageId(request.messageId())
            .correlationId(request.correlationId())
            .operation(request.operation())
            .replyTo(request.replyTo())
            .deadlineNs(request.deadlineNs());
        copy.trace().copyFrom(request.trace());
        return copy;
    }

    private void replyResult(final Envelope request, final Object result)
    {
        if (request.replyTo().length() == 0)
        {
            return;
        }
        final Envelope reply = startReply(request, MessageKind.RESPONSE);
        try
        {
            if (result != null)
            {
                json.write(result, reply.payload());
            }
        }
        catch (final RuntimeException ex)
        {
            replyError(request, ex);
            return;
        }
        sendOrReplyError(request, reply);
    }

    /**
     * A reply the caller would drop as undecodable (payload over procmesh.maxPayloadBytes) becomes an ERROR reply
     * saying so, so the caller gets the reason at once instead of a timeout.
     */
    private void sendOrReplyError(final Envelope request, final Envelope reply)
    {
        try
        {
            send(request, reply);
        }
        catch (final EnvelopeTooLargeException ex)
        {
            replyError(request, ex);
        }
    }

    private void replyError(final Envelope request, final Throwable error)
    {
        slot.incrementErrors();
        if (!(error instanceof ServiceException))
        {
            errorHandler.onError(error);
        }
        if (request.replyTo().length() == 0)
        {
            return;
        }
        final Envelope reply = startReply(request, MessageKind.ERROR);
        json.write(ErrorPayload.of(service, request.operation().toString(), error), reply.payload());
        send(request, reply);
    }

    private Envelope startReply(final Envelope request, final MessageKind kind)
    {
        final Envelope reply = this.reply.reset()
            .messageId(request.messageId())
            .kind(kind)
            .correlationId(request.correlationId())
            .sourceInstance(instanceId)
            .targetService(service)
            .operation(request.operation())
            .replyTo(request.replyTo())
            .sendTimeNs(System.nanoTime())
            .payloadFormat(PayloadFormat.JSON);
        reply.trace().copyFrom(request.trace());
        return reply;
    }

    /**
     * A caller's reply queue has other writers (every instance it calls), and one that is live but descheduled
     * while appending holds its write lock past {@code procmesh.queueLockTimeoutMs}: on a loaded host a reply was
     * lost that way and its caller waited out its deadline (RolloutTest in CI, a new JVM starting beside). Nothing
     * is written when the lock is not had, so the same reply is tried again, {@value #REPLY_LOCK_ATTEMPTS} times at
     * most and never past the request's deadline: a writer that keeps the lock (stopped) must not hold this loop.
     */
    private void send(final Envelope request, final Envelope reply)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                replyChannels.send(reply);
                return;
            }
            catch (final ChannelLockedException ex)
            {
                if (attempt == REPLY_LOCK_ATTEMPTS || request.isExpired(System.nanoTime()))
                {
                    throw ex;
                }
            }
        }
    }
}
