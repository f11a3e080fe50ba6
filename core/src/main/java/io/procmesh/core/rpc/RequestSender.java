package io.procmesh.core.rpc;

import io.procmesh.core.breaker.CircuitBreaker;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.message.PayloadFormat;
import io.procmesh.core.registry.InstanceSlot;
import net.openhft.chronicle.bytes.Bytes;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sending half of {@link RpcClient}: picks an UP instance, registers the call, fills this thread's outgoing
 * envelope and appends it to the target's inbox. Whatever goes wrong (no instance, a full table, a closed client,
 * a wedged registry, a failed append) fails that call; none is left waiting. Allocation-free per call.
 * <p>
 * A call made while a request is handled on this thread gets the earlier of its own deadline and the request's,
 * less a margin for the handler to reply after it ({@code procmesh.deadlineMarginMs}): a nested call never outlives
 * the caller waiting for it, and one with no budget left fails at once with {@link ServiceTimeoutException}.
 */
final class RequestSender
{
    private final String instanceId;
    private final InstanceSlot slot;
    private final ServiceDirectory directory;
    private final PendingCalls pending;
    private final CallBreakers breakers;
    private final long deadlineMarginNs;
    private final AtomicLong messageIds = new AtomicLong(ThreadLocalRandom.current().nextLong());
    private final ThreadLocal<Envelope> outgoing = ThreadLocal.withInitial(Envelope::new);
    private volatile boolean closed;

    RequestSender(
        final String instanceId,
        final InstanceSlot slot,
        final ServiceDirectory directory,
        final PendingCalls pending,
        final CallBreakers breakers,
        final long deadlineMarginNs)
    {
        this.breakers = breakers;
        this.deadlineMarginNs = deadlineMarginNs;
        this.instanceId = instanceId;
        this.slot = slot;
        this.directory = directory;
        this.pending = pending;
    }

    long nextMessageId()
    {
        return messageIds.incrementAndGet();
    }

    /**
     * @return this thread's outgoing envelope, its header filled by the last {@link #startOrFail}.
     */
    Envelope envelope()
    {
        return outgoing.get();
    }

    /**
     * Starts the call, writes its payload and sends it; whatever goes wrong fails the call.
     */
    void send(
        final PendingCall call,
        final String service,
        final String operation,
        final PayloadFormat format,
        final PayloadWriter payloadWriter,
        final long timeoutMs,
        final long keyHash)
    {
        final RemoteInstance target = startOrFail(call, service, operation, format, timeoutMs, keyHash);
        if (target != null)
        {
            final Envelope envelope = envelope();
            try
            {
                payloadWriter.write(envelope.payload());
            }
            catch (final Exception ex)
            {
                abort(call, ex);
                return;
            }
            transmit(call, target, envelope);
        }
    }

    /**
     * Sends a {@link ReusableCall}'s request bytes as a RAW payload; never retried.
     *
     * @return false if the call failed already.
     */
    boolean invoke(final ReusableCall call, final long timeoutMs)
    {
        final RemoteInstance target =
            startOrFail(call, call.service(), call.operation(), PayloadFormat.RAW, timeoutMs);
        if (target == null)
        {
            return false;
        }
        final Envelope envelope = envelope();
        final Bytes<?> request = call.request();
        envelope.payload().write(request, request.readPosition(), request.readRemaining());
        return transmit(call, target, envelope);
    }

    /**
     * Starts the call; whatever goes wrong fails this call, never leaves it waiting.
     *
     * @return the instance to send to, or null if the call already failed.
     */
    RemoteInstance startOrFail(
        final PendingCall call,
        final String service,
        final String operation,
        final PayloadFormat format,
        final long timeoutMs)
    {
        return startOrFail(call, service, operation, format, timeoutMs, LoadBalancer.NO_KEY);
    }

    /**
     * @param keyHash the affinity key's hash for key-affinity balancing, or {@link LoadBalancer#NO_KEY}.
     */
    RemoteInstance startOrFail(
        final PendingCall call,
        final String service,
        final String operation,
        final PayloadFormat format,
        final long timeoutMs,
        final long keyHash)
    {
        try
        {
            return start(call, service, operation, format, timeoutMs, keyHash);
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
        final long timeoutMs,
        final long keyHash)
    {
        final long nowNs = System.nanoTime();
        long deadlineNs = nowNs + Timeouts.toNanos(timeoutMs);
        long effectiveTimeoutMs = timeoutMs;
        final RequestContext handled = RequestContext.current();
        if (handled.isActive() && handled.deadlineNs() != 0)
        {
            final long budgetDeadlineNs = handled.deadlineNs() - deadlineMarginNs;
            if (budgetDeadlineNs - nowNs <= 0)
            {
                call.start(service, operation, nowNs, timeoutMs);
                call.correlationId = 0;
                slot.incrementTimeouts();
                call.onFailure(ServiceTimeoutException.budgetSpent(
                    service, operation, handled.deadlineNs() - nowNs, deadlineMarginNs));
                return null;
            }
            if (budgetDeadlineNs - deadlineNs < 0)
            {
                deadlineNs = budgetDeadlineNs;
                effectiveTimeoutMs = Math.max(1, (budgetDeadlineNs - nowNs) / 1_000_000L);
            }
        }
        call.start(service, operation, deadlineNs, effectiveTimeoutMs);
        call.budgetBound = effectiveTimeoutMs * 2 < timeoutMs;
        call.correlationId = 0;
        if (closed)
        {
            call.onFailure(closedError(call));
            return null;
        }

        call.keyHash = keyHash;
        call.format = format;
        final CircuitBreaker breaker = breakers.of(service, operation, directory.partitionOf(service, keyHash));
        if (breaker != null)
        {
            final long permit = breaker.tryAcquire(nowNs);
            if (permit == CircuitBreaker.REFUSED)
            {
                call.onFailure(new CircuitOpenException(breaker.name(), service, operation,
                    breaker.retryAfterMs(nowNs)));
                return null;
            }
            call.breaker = breaker;
            call.breakerPermit = permit;
            call.startNs = nowNs;
        }
        return registerAndAddress(call, nowNs);
    }

    /**
     * Picks the instance, registers the call and fills the envelope header; shared by the first send and a retry.
     */
    private RemoteInstance registerAndAddress(final PendingCall call, final long nowNs)
    {
        final String service = call.service;
        final String operation = call.operation;
        final long deadlineNs = call.deadlineNs;
        final RemoteInstance target = directory.select(service, call.keyHash);
        if (target == null)
        {
            call.failUnsent(new ServiceUnavailableException(directory.noInstance(service, operation, call.keyHash)));
            return null;
        }
        call.target = target;
        final long messageId = nextMessageId();
        call.messageId = messageId;
        final long correlationId = pending.register(call);
        if (correlationId < 0)
        {
            call.failUnsent(new ServiceUnavailableException(
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
            .payloadFormat(call.format);
        envelope.trace().childOf(RequestContext.currentTrace());
        return target;
    }

    /**
     * Sends an {@link Idempotent} call whose instance died once more, to the instance the policy picks now (the dead
     * one is no longer live), with the same deadline and a new message id. Called on the reply reader's thread,
     * which has no handled request: the call's deadline already holds any budget it had.
     *
     * @return true if it was sent; otherwise the call has failed.
     */
    boolean retry(final PendingCall call)
    {
        final PayloadWriter payload = call.retryPayload;
        call.retryPayload = null;
        call.retried = true;
        call.correlationId = 0;
        if (closed)
        {
            call.failUnsent(closedError(call));
            return false;
        }
        try
        {
            final RemoteInstance target = registerAndAddress(call, System.nanoTime());
            if (target == null)
            {
                return false;
            }
            final Envelope envelope = outgoing.get();
            payload.write(envelope.payload());
            return transmit(call, target, envelope);
        }
        catch (final Exception ex)
        {
            abort(call, ex);
            return false;
        }
    }

    ServiceUnavailableException closedError(final PendingCall call)
    {
        return new ServiceUnavailableException("client " + instanceId + " closed before " + call.service + "." +
            call.operation + " replied");
    }

    boolean transmit(final PendingCall call, final RemoteInstance target, final Envelope envelope)
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
    void abort(final PendingCall call, final Exception error)
    {
        if (call.correlationId == 0 || pending.take(call.correlationId, call.messageId) != null)
        {
            call.failUnsent(error);
        }
    }

    /**
     * Fails every call still waiting; a call that registers after the scan sees the flag (see start).
     */
    void close()
    {
        closed = true;
        pending.failAll(call -> call.fail(closedError(call)));
    }
}
