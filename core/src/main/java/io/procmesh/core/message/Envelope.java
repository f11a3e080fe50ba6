package io.procmesh.core.message;

import net.openhft.chronicle.bytes.Bytes;

/**
 * One message: header fields plus payload. Mutable and reused, so reading or writing one allocates nothing.
 * <p>
 * Times are {@link System#nanoTime()} values. On Linux that clock is CLOCK_MONOTONIC, shared by every process
 * on the host, so a deadline set by one process can be checked by another.
 */
public final class Envelope
{
    public static final long NO_DEADLINE = 0;

    private long messageId;
    private MessageKind kind = MessageKind.REQUEST;
    private long correlationId;
    private final StringBuilder sourceInstance = new StringBuilder(32);
    private final StringBuilder targetService = new StringBuilder(32);
    private final StringBuilder operation = new StringBuilder(32);
    private final StringBuilder replyTo = new StringBuilder(32);
    private long sendTimeNs;
    private long deadlineNs = NO_DEADLINE;
    private byte priority;
    private final TraceContext trace = new TraceContext();
    private PayloadFormat payloadFormat = PayloadFormat.RAW;
    private final Bytes<?> payload = Bytes.allocateElasticOnHeap(256);

    public Envelope reset()
    {
        messageId = 0;
        kind = MessageKind.REQUEST;
        correlationId = 0;
        sourceInstance.setLength(0);
        targetService.setLength(0);
        operation.setLength(0);
        replyTo.setLength(0);
        sendTimeNs = 0;
        deadlineNs = NO_DEADLINE;
        priority = 0;
        trace.clear();
        payloadFormat = PayloadFormat.RAW;
        payload.clear();
        return this;
    }

    public long messageId()
    {
        return messageId;
    }

    public Envelope messageId(final long messageId)
    {
        this.messageId = messageId;
        return this;
    }

    public MessageKind kind()
    {
        return kind;
    }

    public Envelope kind(final MessageKind kind)
    {
        this.kind = kind;
        return this;
    }

    public long correlationId()
    {
        return correlationId;
    }

    public Envelope correlationId(final long correlationId)
    {
        this.correlationId = correlationId;
        return this;
    }

    public StringBuilder sourceInstance()
    {
        return sourceInstance;
    }

    public Envelope sourceInstance(final CharSequence value)
    {
        return set(sourceInstance, value);
    }

    public StringBuilder targetService()
    {
        return targetService;
    }

    public Envelope targetService(final CharSequence value)
    {
        return set(targetService, value);
    }

    public StringBuilder operation()
    {
        return operation;
    }

    public Envelope operation(final CharSequence value)
    {
        return set(operation, value);
    }

    /**
     * @return the instance id whose reply queue gets the answer; empty for events.
     */
    public StringBuilder replyTo()
    {
        return replyTo;
    }

    public Envelope replyTo(final CharSequence value)
    {
        return set(replyTo, value);
    }

    public long sendTimeNs()
    {
        return sendTimeNs;
    }

    public Envelope sendTimeNs(final long sendTimeNs)
    {
        this.sendTimeNs = sendTimeNs;
        return this;
    }

    public long deadlineNs()
    {
        return deadlineNs;
    }

    public Envelope deadlineNs(final long deadlineNs)
    {
        this.deadlineNs = deadlineNs;
        return this;
    }

    public boolean isExpired(final long nowNs)
    {
        return deadlineNs != NO_DEADLINE && nowNs - deadlineNs > 0;
    }

    public byte priority()
    {
        return priority;
    }

    public Envelope priority(final byte priority)
    {
        this.priority = priority;
        return this;
    }

    public TraceContext trace()
    {
        return trace;
    }

    public PayloadFormat payloadFormat()
    {
        return payloadFormat;
    }

    public Envelope payloadFormat(final PayloadFormat payloadFormat)
    {
        this.payloadFormat = payloadFormat;
        return this;
    }

    /**
     * @return the payload buffer; write into it before sending, read from it after decoding.
     */
    public Bytes<?> payload()
    {
        return payload;
    }

    private Envelope set(final StringBuilder field, final CharSequence value)
    {
        field.setLength(0);
        if (value != null)
        {
            field.append(value);
        }
        return this;
    }

    @Override
    public String toString()
    {
        return "Envelope{id=" + messageId + ", kind=" + kind + ", correlationId=" + correlationId +
            ", source=" + sourceInstance + ", target=" + targetService + ", operation=" + operation +
            ", replyTo=" + replyTo + ", deadlineNs=" + deadlineNs + ", payload=" + payload.readRemaining() + " B}";
    }
}
