package io.procmesh.core.rpc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Calls in flight, indexed by correlation id in a fixed power-of-two table: no map, no boxing.
 * <p>
 * A correlation id's home is slot {@code id & mask}; if that slot is busy (a long call still holds it) the call
 * takes the next free one within {@link #MAX_PROBES}, so one slow call no longer refuses one id in every
 * {@code capacity}. A reply is found at its home slot on the common path; a late reply looks at most
 * {@link #MAX_PROBES} slots. There are no tombstones: a lookup never stops at an empty slot, it probes them all.
 * <p>
 * Ids are unique across restarts of one instance id: the high bits hold an epoch (the registration count of the
 * instance), the low {@value #COUNTER_BITS} bits a counter. A reply matches a call only if it carries both the
 * call's correlation id and its request message id, so a reply meant for a previous incarnation never completes a
 * call of this one.
 */
final class PendingCalls
{
    static final int COUNTER_BITS = 40;
    static final int MAX_PROBES = 16;
    private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;
    private static final long EPOCH_MASK = (1L << (Long.SIZE - COUNTER_BITS - 1)) - 1;

    private final AtomicReferenceArray<PendingCall> slots;
    private final int mask;
    private final int probes;
    private final long epochBits;
    private final AtomicLong nextCounter = new AtomicLong(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong earliestDeadlineNs = new AtomicLong(Long.MAX_VALUE);

    PendingCalls(final int capacity)
    {
        this(capacity, 0);
    }

    /**
     * @param epoch a number that differs between incarnations of the instance id; its low
     *              {@code 63 - COUNTER_BITS} bits go into every correlation id.
     */
    PendingCalls(final int capacity, final long epoch)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("procmesh.maxCallsInFlight must be a power of two: " + capacity);
        }
        this.slots = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
        this.probes = Math.min(capacity, MAX_PROBES);
        this.epochBits = (epoch & EPOCH_MASK) << COUNTER_BITS;
    }

    /**
     * Publishes the call; its {@code messageId} must be set before.
     *
     * @return the correlation id, or -1 if no slot within the probe range is free.
     */
    long register(final PendingCall call)
    {
        final long id = epochBits | (nextCounter.getAndIncrement() & COUNTER_MASK);
        call.correlationId = id;
        final int home = (int)(id & mask);
        for (int probe = 0; probe < probes; probe++)
        {
            if (slots.compareAndSet((home + probe) & mask, null, call))
            {
                inFlight.incrementAndGet();
                if (call.target != null)
                {
                    call.target.callStarted();
                }
                // After the slot is published: a scan that reset the bound before this line sees the slot or this.
                earliestDeadlineNs.accumulateAndGet(call.deadlineNs, Math::min);
                return id;
            }
        }
        return -1;
    }

    /**
     * @return the call waiting for this correlation id and request message id, now removed, or null if none is
     * (a late or duplicate reply, or a reply to a previous incarnation's request).
     */
    PendingCall take(final long correlationId, final long messageId)
    {
        final int home = (int)(correlationId & mask);
        for (int probe = 0; probe < probes; probe++)
        {
            final int index = (home + probe) & mask;
            final PendingCall call = slots.get(index);
            if (call != null && call.correlationId == correlationId)
            {
                if (call.messageId == messageId && slots.compareAndSet(index, call, null))
                {
                    left(call);
                    return call;
                }
                return null;
            }
        }
        return null;
    }

    /**
     * Removes every call past its deadline and hands it to the consumer. Costs one read until the earliest
     * deadline of the calls in flight has passed; then one scan of the table, which also finds the next earliest.
     *
     * @return how many expired.
     */
    int expire(final long nowNs, final Consumer<PendingCall> onExpired)
    {
        if (inFlight.get() == 0 || nowNs - earliestDeadlineNs.get() <= 0)
        {
            return 0;
        }
        earliestDeadlineNs.set(Long.MAX_VALUE);
        int expired = 0;
        for (int i = 0, length = slots.length(); i < length; i++)
        {
            final PendingCall call = slots.get(i);
            if (call == null)
            {
                continue;
            }
            if (nowNs - call.deadlineNs > 0)
            {
                if (slots.compareAndSet(i, call, null))
                {
                    left(call);
                    onExpired.accept(call);
                    expired++;
                }
            }
            else
            {
                earliestDeadlineNs.accumulateAndGet(call.deadlineNs, Math::min);
            }
        }
        return expired;
    }

    /**
     * Removes every call sent to {@code target} and hands it to the consumer: the instance died, none of them will
     * be answered. One scan of the table; called only when an instance with calls in flight is found dead.
     *
     * @return how many were removed.
     */
    int removeSentTo(final RemoteInstance target, final Consumer<PendingCall> onRemoved)
    {
        int removed = 0;
        for (int i = 0, length = slots.length(); i < length; i++)
        {
            final PendingCall call = slots.get(i);
            if (call != null && call.target == target && slots.compareAndSet(i, call, null))
            {
                left(call);
                onRemoved.accept(call);
                removed++;
            }
        }
        return removed;
    }

    private void left(final PendingCall call)
    {
        inFlight.decrementAndGet();
        if (call.target != null)
        {
            call.target.callEnded();
        }
    }

    int inFlight()
    {
        return inFlight.get();
    }

    void failAll(final Consumer<PendingCall> onFailed)
    {
        for (int i = 0, length = slots.length(); i < length; i++)
        {
            final PendingCall call = slots.getAndSet(i, null);
            if (call != null)
            {
                left(call);
                onFailed.accept(call);
            }
        }
    }
}
