package io.procmesh.core.rpc;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.channel.InboundListener;
import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.registry.InstanceSlot;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The reply side of {@link RpcClient}, run on its agent thread: completes calls from the reply queue and fails
 * calls past their deadline.
 * <p>
 * A reply completes a call only if it carries both the call's correlation id and its request message id; any other
 * (it came after the deadline, or answers a previous incarnation of this instance id) is dropped and counted late.
 * Expiry runs whatever the read did: a reply queue that fails on every poll must not stop calls expiring.
 */
final class ReplyReader implements InboundListener
{
    private static final int MAX_REPLIES_PER_CYCLE = 64;
    private static final long EXPIRY_CHECK_INTERVAL_NS = 1_000_000L;
    private static final long READ_ERROR_REPORT_INTERVAL_NS = 1_000_000_000L;

    private final String instanceId;
    private final InstanceSlot slot;
    private final JsonPayloads json;
    private final PendingCalls pending;
    private final ReplySource replies;
    private final ErrorHandler errorHandler;
    private final Consumer<PendingCall> onExpired = this::onExpired;
    private final StringBuilder errorText = new StringBuilder();
    private final AtomicLong readErrors = new AtomicLong();
    private long nextExpiryCheckNs;
    private long nextReadErrorReportNs;

    ReplyReader(
        final String instanceId,
        final InstanceSlot slot,
        final JsonPayloads json,
        final PendingCalls pending,
        final ReplySource replies,
        final ErrorHandler errorHandler)
    {
        this.instanceId = instanceId;
        this.slot = slot;
        this.json = json;
        this.pending = pending;
        this.replies = replies;
        this.errorHandler = errorHandler;
    }

    int doWork()
    {
        int work = 0;
        try
        {
            for (int i = 0; i < MAX_REPLIES_PER_CYCLE; i++)
            {
                final int read = replies.poll(this);
                if (read == 0)
                {
                    break;
                }
                work += read;
            }
        }
        catch (final RuntimeException ex)
        {
            onReadError(ex);
        }

        final long nowNs = System.nanoTime();
        if (nowNs - nextExpiryCheckNs >= 0)
        {
            work += expire(nowNs);
            nextExpiryCheckNs = nowNs + EXPIRY_CHECK_INTERVAL_NS;
        }
        return work;
    }

    /**
     * Reads every reply already in the queue (at most {@code limit}): before the calls of a dead instance are
     * failed, so a reply it wrote just before dying still completes its call.
     */
    int drain(final int limit)
    {
        int work = 0;
        try
        {
            int read;
            while (work < limit && (read = replies.poll(this)) > 0)
            {
                work += read;
            }
        }
        catch (final RuntimeException ex)
        {
            onReadError(ex);
        }
        return work;
    }

    /**
     * Fails every call whose deadline is before {@code nowNs}. Safe from any thread: each call is taken from the
     * table by a compare-and-set, so a call expires once even when the reader and the heartbeat thread both scan.
     *
     * @return how many expired.
     */
    int expire(final long nowNs)
    {
        return pending.expire(nowNs, onExpired);
    }

    /**
     * Counts every failed read; reports the first and then at most one a second, since a broken queue (a cycle
     * file missing or corrupt) fails on every duty cycle.
     */
    private void onReadError(final RuntimeException error)
    {
        final long count = readErrors.incrementAndGet();
        final long nowNs = System.nanoTime();
        if (count == 1 || nowNs - nextReadErrorReportNs >= 0)
        {
            nextReadErrorReportNs = nowNs + READ_ERROR_REPORT_INTERVAL_NS;
            errorHandler.onError(new IllegalStateException("reply queue of " + instanceId + ": read failed (" +
                count + " failed reads so far); calls still expire at their deadlines", error));
        }
    }

    long readErrors()
    {
        return readErrors.get();
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
        final PendingCall call = pending.take(envelope.correlationId(), envelope.messageId());
        if (call == null)
        {
            slot.incrementLateReplies();
            return;
        }
        try
        {
            if (kind == MessageKind.RESPONSE)
            {
                call.respond(envelope);
            }
            else
            {
                slot.incrementErrors();
                final ErrorPayload error = json.read(envelope.payload(), json.type(ErrorPayload.class));
                call.fail(error.toException(call.service, call.operation));
            }
        }
        catch (final Exception ex)
        {
            call.fail(ex);
        }
    }

    @Override
    public void onDecodeError(final DecodeResult result, final long index)
    {
        slot.incrementDecodeErrors();
        errorText.setLength(0);
        errorText.append("reply queue of ").append(instanceId).append(": skipped undecodable message at index ")
            .append(Long.toHexString(index)).append(" (").append(result).append(')');
        errorHandler.onError(new IllegalArgumentException(errorText.toString()));
    }

    private void onExpired(final PendingCall call)
    {
        slot.incrementTimeouts();
        call.fail(new ServiceTimeoutException(call.service, call.operation, call.timeoutMs));
    }

    void close()
    {
        replies.close();
    }
}
