package io.procmesh.core.rpc;

import com.fasterxml.jackson.databind.JavaType;
import io.procmesh.core.agent.Agent;
import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.channel.InboundListener;
import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.message.PayloadFormat;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.Registry;
import net.openhft.chronicle.bytes.Bytes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calling side: sends requests to an UP instance's inbox and completes calls from this instance's reply queue.
 * <p>
 * As an {@link Agent} it reads replies and fails calls past their deadline; the directory refresh runs on the
 * heartbeat thread ({@link #refreshDirectoryIfDue}).
 * A reply with no waiting call (it came after the deadline) is dropped and counted as late.
 */
public final class RpcClient implements Agent, InboundListener, AutoCloseable
{
    private static final int MAX_REPLIES_PER_CYCLE = 64;
    private static final long EXPIRY_CHECK_INTERVAL_NS = 1_000_000L;

    private final String instanceId;
    private final InstanceSlot slot;
    private final EnvelopeCodec codec;
    private final JsonPayloads json;
    private final ServiceDirectory directory;
    private final PendingCalls pending;
    private final InboundChannel replies;
    private final ErrorHandler errorHandler;
    private final long refreshIntervalNs;
    private final long defaultTimeoutMs;
    private final AtomicLong messageIds = new AtomicLong(ThreadLocalRandom.current().nextLong());
    private final ThreadLocal<Envelope> outgoing = ThreadLocal.withInitial(Envelope::new);
    private final ThreadLocal<StringBuilder> errorText = ThreadLocal.withInitial(StringBuilder::new);
    private final java.util.function.Consumer<PendingCall> onExpired = this::onExpired;
    private long nextExpiryCheckNs;
    private volatile long nextRefreshNs;

    public RpcClient(
        final String instanceId,
        final Path replyQueue,
        final Registry registry,
        final InstanceSlot slot,
        final EnvelopeCodec codec,
        final JsonPayloads json,
        final int maxCallsInFlight,
        final long refreshIntervalMs,
        final long defaultTimeoutMs,
        final int retainCycles,
        final long instanceStaleMs,
        final ErrorHandler errorHandler)
    {
        this.instanceId = instanceId;
        this.slot = slot;
        this.codec = codec;
        this.json = json;
        this.directory = new ServiceDirectory(registry, codec, instanceStaleMs);
        this.pending = new PendingCalls(maxCallsInFlight);
        this.replies = InboundChannel.fromEnd(replyQueue, codec, retainCycles, errorHandler);
        this.errorHandler = errorHandler;
        this.refreshIntervalNs = refreshIntervalMs * 1_000_000L;
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    public long defaultTimeoutMs()
    {
        return defaultTimeoutMs;
    }

    public JsonPayloads json()
    {
        return json;
    }

    /**
     * @return a unique id for an outgoing message.
     */
    public long nextMessageId()
    {
        return messageIds.incrementAndGet();
    }

    /**
     * Calls an operation with a JSON payload built from {@code argument} and decodes the reply as {@code resultType}.
     */
    public <T> CompletableFuture<T> call(
        final String service,
        final String operation,
        final Object argument,
        final JavaType resultType,
        final long timeoutMs)
    {
        return send(service, operation, PayloadFormat.JSON,
            payload -> writeArgument(argument, payload),
            response -> json.read(response.payload(), resultType),
            timeoutMs);
    }

    /**
     * The untyped path for the gateway: JSON text in, JSON text out.
     */
    public CompletableFuture<String> callJson(
        final String service,
        final String operation,
        final String requestJson,
        final long timeoutMs)
    {
        return send(service, operation, PayloadFormat.JSON,
            payload -> payload.write(requestJson.getBytes(StandardCharsets.UTF_8)),
            response -> new String(response.payload().toByteArray(), StandardCharsets.UTF_8),
            timeoutMs);
    }

    /**
     * A call whose caller writes the payload bytes and decodes the reply envelope itself.
     */
    public <T> CompletableFuture<T> send(
        final String service,
        final String operation,
        final PayloadFormat format,
        final PayloadWriter payloadWriter,
        final ResponseDecoder<T> decoder,
        final long timeoutMs)
    {
        final FutureCall<T> call = new FutureCall<>(decoder);
        final RemoteInstance target = start(call, service, operation, format, timeoutMs);
        if (target != null)
        {
            final Envelope envelope = outgoing.get();
            try
            {
                payloadWriter.write(envelope.payload());
            }
            catch (final Exception ex)
            {
                abort(call, ex);
                return call.future;
            }
            transmit(call, target, envelope);
        }
        return call.future;
    }

    /**
     * The allocation-free call: sends {@link ReusableCall#request()} as a RAW payload. Wait with
     * {@link ReusableCall#await}; the reply or failure arrives by the deadline at the latest.
     *
     * @return false if the call could not be sent; {@link ReusableCall#failure()} says why.
     */
    public boolean invoke(final ReusableCall call, final long timeoutMs)
    {
        if (!call.begin())
        {
            throw new IllegalStateException("a ReusableCall takes one call at a time");
        }
        final RemoteInstance target = start(call, call.service(), call.operation(), PayloadFormat.RAW, timeoutMs);
        if (target == null)
        {
            return false;
        }
        final Envelope envelope = outgoing.get();
        final Bytes<?> request = call.request();
        envelope.payload().write(request, request.readPosition(), request.readRemaining());
        return transmit(call, target, envelope);
    }

    /**
     * Registers the call and fills this thread's outgoing envelope header; the caller writes the payload next.
     *
     * @return the instance to send to, or null if the call already failed.
     */
    private RemoteInstance start(
        final PendingCall call,
        final String service,
        final String operation,
        final PayloadFormat format,
        final long timeoutMs)
    {
        final long nowNs = System.nanoTime();
        final long deadlineNs = nowNs + timeoutMs * 1_000_000L;
        call.start(service, operation, deadlineNs, timeoutMs);

        final RemoteInstance target = directory.select(service);
        if (target == null)
        {
            call.onFailure(new ServiceUnavailableException(
                "no UP instance of service '" + service + "' for operation '" + operation + "'"));
            return null;
        }
        final long correlationId = pending.register(call);
        if (correlationId < 0)
        {
            call.onFailure(new ServiceUnavailableException(
                "too many calls in flight from " + instanceId + " (procmesh.maxCallsInFlight)"));
            return null;
        }
        final Envelope envelope = outgoing.get().reset()
            .messageId(nextMessageId())
            .kind(MessageKind.REQUEST)
            .correlationId(correlationId)
            .sourceInstance(instanceId)
            .targetService(service)
            .operation(operation)
            .replyTo(instanceId)
            .sendTimeNs(nowNs)
            .deadlineNs(deadlineNs)
            .payloadFormat(format);
        envelope.trace().childOf(RequestContext.currentTrace());
        return target;
    }

    private boolean transmit(final PendingCall call, final RemoteInstance target, final Envelope envelope)
    {
        try
        {
            target.channel().send(envelope);
            slot.incrementRequestsOut();
            return true;
        }
        catch (final RuntimeException ex)
        {
            abort(call, ex);
            return false;
        }
    }

    private void abort(final PendingCall call, final Exception error)
    {
        if (pending.take(call.correlationId) != null)
        {
            call.onFailure(error);
        }
    }

    private void writeArgument(final Object argument, final Bytes<?> payload)
    {
        if (argument != null)
        {
            json.write(argument, payload);
        }
    }

    @Override
    public int doWork()
    {
        int work = 0;
        for (int i = 0; i < MAX_REPLIES_PER_CYCLE; i++)
        {
            final int read = replies.poll(this);
            if (read == 0)
            {
                break;
            }
            work += read;
        }

        final long nowNs = System.nanoTime();
        if (nowNs - nextExpiryCheckNs >= 0)
        {
            work += pending.expire(nowNs, onExpired);
            nextExpiryCheckNs = nowNs + EXPIRY_CHECK_INTERVAL_NS;
        }
        return work;
    }

    /**
     * Scans the registry for new instances when the refresh interval has passed. Called from the heartbeat thread,
     * so the scan (segment read locks, a copy per entry) never delays a reply.
     */
    public void refreshDirectoryIfDue(final long nowNs)
    {
        if (nowNs - nextRefreshNs >= 0)
        {
            nextRefreshNs = nowNs + refreshIntervalNs;
            directory.refresh();
        }
    }

    @Override
    public String roleName()
    {
        return "procmesh-replies-" + instanceId;
    }

    @Override
    public void onEnvelope(final Envelope envelope, final long index)
    {
        final MessageKind kind = envelope.kind();
        if (kind != MessageKind.RESPONSE && kind != MessageKind.ERROR)
        {
            slot.incrementDecodeErrors();
            return;
        }
        final PendingCall call = pending.take(envelope.correlationId());
        if (call == null)
        {
            slot.incrementLateReplies();
            return;
        }
        try
        {
            if (kind == MessageKind.RESPONSE)
            {
                call.onResponse(envelope);
            }
            else
            {
                slot.incrementErrors();
                final ErrorPayload error = json.read(envelope.payload(), json.type(ErrorPayload.class));
                call.onFailure(error.toException(call.service, call.operation));
            }
        }
        catch (final Exception ex)
        {
            call.onFailure(ex);
        }
    }

    @Override
    public void onDecodeError(final DecodeResult result, final long index)
    {
        slot.incrementDecodeErrors();
        final StringBuilder text = errorText.get();
        text.setLength(0);
        text.append("reply queue of ").append(instanceId).append(": skipped undecodable message at index ")
            .append(Long.toHexString(index)).append(" (").append(result).append(')');
        errorHandler.onError(new IllegalArgumentException(text.toString()));
    }

    private void onExpired(final PendingCall call)
    {
        slot.incrementTimeouts();
        call.onFailure(new ServiceTimeoutException(call.service, call.operation, call.timeoutMs));
    }

    public int callsInFlight()
    {
        return pending.inFlight();
    }

    @Override
    public void close()
    {
        pending.failAll(call -> call.onFailure(
            new ServiceUnavailableException("client " + instanceId + " closed before " + call.service + "." +
                call.operation + " replied")));
        directory.close();
        replies.close();
    }
}
