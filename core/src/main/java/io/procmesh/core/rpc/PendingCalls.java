package io.procmesh.core.rpc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Calls in flight, indexed by correlation id in a fixed power-of-two table: no map, no boxing.
 * A correlation id owns slot {@code id & mask}; if that slot is still busy the call is refused rather than queued.
 */
final class PendingCalls
{
    private final AtomicReferenceArray<PendingCall> slots;
    private final int mask;
    private final AtomicLong nextCorrelationId = new AtomicLong(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong earliestDeadlineNs = new AtomicLong(Long.MAX_VALUE);

    PendingCalls(final int capacity)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("procmesh.maxCallsInFlight must be a power of two: " + capacity);
        }
        this.slots = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
    }

    /**
     * @return the correlation id, or -1 if the table has no free slot for it.
     */
    long register(final PendingCall call)
    {
        final long id = nextCorrelationId.getAndIncrement();
        call.correlationId = id;
        if (!slots.compareAndSet((int)(id & mask), null, call))
        {
            return -1;
        }
        inFlight.incrementAndGet();
        // After the slot is published: a scan that reset the bound before this line sees the slot or this update.
        earliestDeadlineNs.accumulateAndGet(call.deadlineNs, Math::min);
        return id;
    }

    /**
     * @return the call waiting for this id, now removed, or null if none is (late or duplicate reply).
     */
    PendingCall take(final long correlationId)
    {
        final int index = (int)(correlationId & mask);
        final PendingCall call = slots.get(index);
        if (call != null && call.correlationId == correlationId && slots.compareAndSet(index, call, null))
        {
            inFlight.decrementAndGet();
            return call;
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
                    inFlight.decrementAndGet();
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
                inFlight.decrementAndGet();
                onFailed.accept(call);
            }
        }
    }
}
