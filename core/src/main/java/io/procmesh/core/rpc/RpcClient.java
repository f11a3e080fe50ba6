package io.procmesh.core.rpc;

import com.fasterxml.jackson.databind.JavaType;
import io.procmesh.core.agent.Agent;
import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.channel.InboundChannel;
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
 * As an {@link Agent} it reads replies and fails calls past their deadline ({@link ReplyReader}); the directory
 * refresh runs on the heartbeat thread ({@link #refreshDirectoryIfDue}).
 * A reply with no waiting call (it came after the deadline, or answers a previous incarnation of this instance
 * id) is dropped and counted as late: a reply completes a call only if it carries both the call's correlation id
 * and its request message id (see {@link PendingCalls}).
 * <p>
 * Every call ends: with its reply, an error, a timeout at its deadline (expiry runs even when reading replies
 * fails), or a failure when the client closes. Should the reply reader be stuck, the heartbeat thread fails calls a
 * second past their deadline, and {@link ReusableCall#await} gives up on its own then.
 */
public final class RpcClient implements Agent, AutoCloseable
{
    /**
     * How long after its deadline a call is failed by the heartbeat thread if the reply reader has not expired it.
     */
    static final long STUCK_GRACE_NS = 1_000_000_000L;

    private final String instanceId;
    private final InstanceSlot slot;
    private final EnvelopeCodec codec;
    private final JsonPayloads json;
    private final ServiceDirectory directory;
    private final PendingCalls pending;
    private final ReplyReader reader;
    private final ErrorHandler errorHandler;
    private final long refreshIntervalNs;
    private final long defaultTimeoutMs;
    private final AtomicLong messageIds = new AtomicLong(ThreadLocalRandom.current().nextLong());
    private final ThreadLocal<Envelope> outgoing = ThreadLocal.withInitial(Envelope::new);
    private volatile long nextRefreshNs;
    private volatile boolean closed;

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
        this(instanceId, slot, codec, json,
            ReplySource.of(InboundChannel.fromEnd(replyQueue, codec, retainCycles, errorHandler)),
            new ServiceDirectory(RegistryReader.of(registry), codec, instanceStaleMs, errorHandler),
            maxCallsInFlight, refreshIntervalMs, defaultTimeoutMs, errorHandler);
    }

    /**
     * Takes its reply source and directory from the caller: tests inject faults through them.
     */
    RpcClient(
        final String instanceId,
        final InstanceSlot slot,
        final EnvelopeCodec codec,
        final JsonPayloads json,
        final ReplySource replies,
        final ServiceDirectory directory,
        final int maxCallsInFlight,
        final long refreshIntervalMs,
        final long defaultTimeoutMs,
        final ErrorHandler errorHandler)
    {
        this.instanceId = instanceId;
        this.slot = slot;
        this.codec = codec;
        this.json = json;
        this.directory = directory;
        // The registration count differs for each incarnation of this instance id: correlation ids of a restarted
        // caller never repeat its predecessor's, whose late replies may still arrive in the same reply queue.
        this.pending = new PendingCalls(maxCallsInFlight, slot.snapshot().registrations());
        this.reader = new ReplyReader(instanceId, slot, json, pending, replies, errorHandler);
        this.errorHandler = errorHandler;
        this.refreshIntervalNs = Timeouts.toNanos(refreshIntervalMs);
        this.defaultTimeoutMs = Timeouts.requireValidMs(defaultTimeoutMs);
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
     *
     * @throws IllegalArgumentException if the timeout is not positive; a larger one than
     *                                  {@link Timeouts#MAX_TIMEOUT_MS} is capped.
     */
    public <T> CompletableFuture<T> send(
        final String service,
        final String operation,
        final PayloadFormat format,
        final PayloadWriter payloadWriter,
        final ResponseDecoder<T> decoder,
        final long timeoutMs)
    {
        final long boundedTimeoutMs = Timeouts.requireValidMs(timeoutMs);
        final FutureCall<T> call = new FutureCall<>(decoder);
        final RemoteInstance target = startOrFail(call, service, operation, format, boundedTimeoutMs);
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
     * @return false if the call could not be sent; {@link ReusableCall#failure()} says why, and the call object
     * takes the next call.
     * @throws IllegalArgumentException if the timeout is not positive.
     * @throws IllegalStateException    if the call object still has a call in flight.
     */
    public boolean invoke(final ReusableCall call, final long timeoutMs)
    {
        final long boundedTimeoutMs = Timeouts.requireValidMs(timeoutMs);
        if (!call.begin(pending))
        {
            throw new IllegalStateException("a ReusableCall takes one call at a time");
        }
        final RemoteInstance target =
            startOrFail(call, call.service(), call.operation(), PayloadFormat.RAW, boundedTimeoutMs);
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
     * Starts the call; whatever goes wrong (no instance, a full table, a closed client, a wedged registry) fails
     * this call, never leaves it waiting.
     *
     * @return the instance to send to, or null if the call already failed.
     */
    private RemoteInstance startOrFail(
        final PendingCall call,
        final String service,
        final String operation,
        final PayloadFormat format,
        final long timeoutMs)
    {
        try
        {
            return start(call, service, operation, format, timeoutMs);
        }
        catch (final RuntimeException ex)
        {
            abort(call, ex);
            return null;
        }
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
        final long deadlineNs = nowNs + Timeouts.toNanos(timeoutMs);
        call.start(service, operation, deadlineNs, timeoutMs);
        call.correlationId = 0;
        if (closed)
        {
            call.onFailure(closedError(call));
            return null;
        }

        final RemoteInstance target = directory.select(service);
        if (target == null)
        {
            call.onFailure(new ServiceUnavailableException(
                "no UP instance of service '" + service + "' for operation '" + operation + "'"));
            return null;
        }
        final long messageId = nextMessageId();
        call.messageId = messageId;
        final long correlationId = pending.register(call);
        if (correlationId < 0)
        {
            call.onFailure(new ServiceUnavailableException(
                "too many calls in flight from " + instanceId + " (procmesh.maxCallsInFlight)"));
            return null;
        }
        // close() sets the flag before failAll: a call registered after failAll's scan sees the flag here.
        if (closed)
        {
            abort(call, closedError(call));
            return null;
        }
        final Envelope envelope = outgoing.get().reset()
            .messageId(messageId)
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

    private ServiceUnavailableException closedError(final PendingCall call)
    {
        return new ServiceUnavailableException("client " + instanceId + " closed before " + call.service + "." +
            call.operation + " replied");
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

    /**
     * Fails a call that did not reach its target. One not registered yet (correlation id 0) is failed directly;
     * a registered one only if still in the table, since the expiry or close may have completed it already.
     */
    private void abort(final PendingCall call, final Exception error)
    {
        if (call.correlationId == 0 || pending.take(call.correlationId, call.messageId) != null)
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
        return reader.doWork();
    }

    /**
     * @return how many reads of the reply queue have failed (each is also reported, at most one a second).
     */
    public long replyReadErrors()
    {
        return reader.readErrors();
    }

    /**
     * Scans the registry for new instances when the refresh interval has passed. Called from the heartbeat thread,
     * so the scan (segment read locks, a copy per entry) never delays a reply. First fails any call more than
     * {@link #STUCK_GRACE_NS} past its deadline, so no call waits on a stuck reply reader without bound.
     */
    public void refreshDirectoryIfDue(final long nowNs)
    {
        // A backstop on another thread, allocation-free: only a stuck reply reader leaves a call this overdue.
        reader.expire(nowNs - STUCK_GRACE_NS);
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

    public int callsInFlight()
    {
        return pending.inFlight();
    }

    @Override
    public void close()
    {
        // Before failAll: a call that registers after failAll's scan sees the flag (see start).
        closed = true;
        pending.failAll(call -> call.onFailure(closedError(call)));
        directory.close();
        reader.close();
    }
}
