package io.procmesh.launcher.gateway;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.message.PayloadFormat;
import io.procmesh.core.rpc.FailureCode;
import io.procmesh.core.rpc.PayloadWriter;
import io.procmesh.core.rpc.ResponseDecoder;
import io.procmesh.core.rpc.RpcClient;
import io.procmesh.core.rpc.ServiceException;
import net.openhft.chronicle.bytes.Bytes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The one path from an HTTP request into the mesh and back, shared by every route.
 * <p>
 * The request is appended to the target's inbox on the HTTP thread, which then returns to Jetty at once. The
 * reply completes the call's future on procmesh's reply reader thread, which writes the HTTP answer
 * asynchronously and completes Jetty's callback; no thread waits for a reply. Replies are the service's JSON
 * bytes and go out as they are, never parsed. Every call carries the gateway's deadline, so every request ends.
 */
final class MeshCaller
{
    static final PayloadWriter NO_ARGUMENT = payload ->
    {
    };
    private static final byte[] EMPTY = new byte[0];
    private static final ResponseDecoder<byte[]> JSON_BYTES = response ->
    {
        final Bytes<?> payload = response.payload();
        final int length = (int)payload.readRemaining();
        if (length == 0)
        {
            return EMPTY;
        }
        final byte[] body = new byte[length];
        payload.read(body);
        return body;
    };

    private final RpcClient client;
    private final long deadlineMs;
    private final JsonBodyReader bodies;
    private final HttpResponses responses;
    private final ErrorMapper errors;
    private final ErrorHandler errorHandler;

    MeshCaller(
        final RpcClient client,
        final long deadlineMs,
        final JsonBodyReader bodies,
        final HttpResponses responses,
        final ErrorMapper errors,
        final ErrorHandler errorHandler)
    {
        this.client = client;
        this.deadlineMs = deadlineMs;
        this.bodies = bodies;
        this.responses = responses;
        this.errors = errors;
        this.errorHandler = errorHandler;
    }

    /**
     * Reads the JSON body without blocking, decodes it into the call's argument, then calls as {@link #call}.
     * A body rejected on the way (413, 415, 400) is answered without calling.
     */
    void callWithBody(
        final Request request,
        final CallTarget target,
        final ArgumentDecoder decoder,
        final int successStatus,
        final Response response,
        final Callback callback)
    {
        bodies.read(request).whenComplete((body, failure) ->
        {
            // An exception escaping this action would vanish into the unused future and leave the request
            // hanging until the idle timeout, so every path ends in an answer.
            try
            {
                if (failure != null)
                {
                    responses.error(response, callback, errors.map(failure, target.service(), target.operation()));
                }
                else
                {
                    call(target, decoder.decode(body), successStatus, response, callback);
                }
            }
            catch (final RuntimeException ex)
            {
                responses.error(response, callback, errors.map(ex, target.service(), target.operation()));
            }
        });
    }

    /**
     * Calls the target and answers the HTTP request with the reply, or with the mapped error.
     *
     * @param successStatus the status of a successful answer, e.g. 201 for a create.
     */
    void call(
        final CallTarget target,
        final PayloadWriter argument,
        final int successStatus,
        final Response response,
        final Callback callback)
    {
        if (!target.availability().isLive())
        {
            target.metrics().onRejected(FailureCode.UNAVAILABLE);
            responses.error(response, callback, errors.unavailable(target.service(), target.operation()));
            return;
        }
        final long startNs = System.nanoTime();
        final CompletableFuture<byte[]> reply;
        try
        {
            reply = target.routing().fansOut() ?
                target.routing().sendToEveryPartition(client, PayloadFormat.JSON, argument, JSON_BYTES, deadlineMs)
                    .thenApply(JsonArrays::concatenate) :
                client.send(target.service(), target.operation(), PayloadFormat.JSON, argument, JSON_BYTES,
                    deadlineMs, target.routing().route(BoundArguments.valuesOf(argument)));
        }
        catch (final ServiceException ex)
        {
            // No key to route by: refused before sending, answered like any failed call.
            new ReplyWriter(this, target, successStatus, response, callback, startNs).accept(null, ex);
            return;
        }
        reply.whenComplete(new ReplyWriter(this, target, successStatus, response, callback, startNs));
    }

    /**
     * A reply of exactly {@code null}: what core writes for a null result. The bytes are compared, not parsed.
     */
    static boolean isJsonNull(final byte[] body)
    {
        return body.length == 4 && body[0] == 'n' && body[1] == 'u' && body[2] == 'l' && body[3] == 'l';
    }

    /**
     * Completes one HTTP exchange from its call's outcome. One small object per call holds what a capturing
     * lambda would, and names it.
     */
    private static final class ReplyWriter implements BiConsumer<byte[], Throwable>
    {
        private final MeshCaller caller;
        private final CallTarget target;
        private final int successStatus;
        private final Response response;
        private final Callback callback;
        private final long startNs;

        ReplyWriter(
            final MeshCaller caller,
            final CallTarget target,
            final int successStatus,
            final Response response,
            final Callback callback,
            final long startNs)
        {
            this.caller = caller;
            this.target = target;
            this.successStatus = successStatus;
            this.response = response;
            this.callback = callback;
            this.startNs = startNs;
        }

        @Override
        public void accept(final byte[] body, final Throwable failure)
        {
            final long latencyNs = System.nanoTime() - startNs;
            try
            {
                if (failure == null)
                {
                    target.metrics().onSuccess(latencyNs);
                    if (target.nullIsNotFound() && isJsonNull(body))
                    {
                        caller.responses.error(response, callback, GatewayError.notFound(
                            "'" + target.operation() + "' found nothing").withTarget(target.service(), target.operation()));
                    }
                    else
                    {
                        caller.responses.json(response, callback, successStatus, body);
                    }
                }
                else
                {
                    final GatewayError error = caller.errors.map(failure, target.service(), target.operation());
                    target.metrics().onFailure(FailureCode.parse(error.code()), latencyNs);
                    caller.responses.error(response, callback, error);
                }
            }
            catch (final RuntimeException ex)
            {
                // Runs on the reply reader: report, and end the exchange rather than leave it open.
                caller.errorHandler.onError(ex);
                callback.failed(ex);
            }
        }
    }
}
