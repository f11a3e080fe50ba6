package io.procmesh.core.breaker;

/**
 * One breaker, over its slot of the {@link BreakerTable}: every process that opens the same name shares its state.
 * Allocation-free; every change is one compare-and-swap or atomic add on the mapped slot, never a lock.
 * <p>
 * The state word holds the state (2 bits), the trial calls let through in this HALF_OPEN episode (10 bits) and
 * the monotonic millisecond it entered the state (the rest): a state changes with its time and its trial count in
 * one CAS. Every process reads {@link System#nanoTime()} from the host's one monotonic clock, so "opened 2 s ago"
 * means the same in all of them.
 * <p>
 * In CLOSED, outcomes count in the window's buckets from the bucket it closed in on, and only of calls started since:
 * failures that opened it, or late ones of calls sent before it opened, do not open it again once trial calls closed
 * it. The bucket width is the slot's, fixed by the process that claimed it, so that processes with other settings
 * still count into the same buckets. In HALF_OPEN, an episode whose trial calls never all came back (their
 * callers died) is started again after the longer of the wait and the window, so it cannot stay half open forever.
 */
public final class CircuitBreaker
{
    /** {@link #tryAcquire}: the call may go, and is an ordinary call of a closed breaker. */
    public static final long PERMITTED = -1;
    /** {@link #tryAcquire}: the breaker refuses the call. */
    public static final long REFUSED = -2;
    private static final int STATE_BITS = 2;
    private static final int ADMITTED_BITS = 10;
    private static final int SINCE_SHIFT = STATE_BITS + ADMITTED_BITS;
    private static final long STATE_MASK = (1L << STATE_BITS) - 1;
    private static final long ADMITTED_MASK = ((1L << ADMITTED_BITS) - 1) << STATE_BITS;
    private static final long ONE_ADMITTED = 1L << STATE_BITS;
    private static final long MASK32 = 0xFFFF_FFFFL;
    private static final long NS_PER_MS = 1_000_000L;
    private final BreakerTable table;
    private final String name;
    private final long slot;
    private final BreakerSettings settings;
    private final long bucketMs;

    CircuitBreaker(final BreakerTable table, final String name, final long slot, final BreakerSettings settings)
    {
        this.table = table;
        this.name = name;
        this.slot = slot;
        this.settings = settings;
        // The slot's own: every process counts into the same buckets, whatever its settings say.
        final int slotBucketMs = table.readInt(slot + BreakerTable.BUCKET_MS);
        this.bucketMs = slotBucketMs > 0 ? slotBucketMs : settings.bucketMs();
    }

    public String name()
    {
        return name;
    }

    public BreakerSettings settings()
    {
        return settings;
    }

    public BreakerState state()
    {
        return BreakerState.fromCode((int)(table.read(slot + BreakerTable.STATE) & STATE_MASK));
    }

    /**
     * Asks to send a call.
     *
     * @return {@link #PERMITTED}, {@link #REFUSED} (counted as not permitted), or a trial call's episode (zero or
     * more), which its outcome must carry back to {@link #onOutcome}.
     */
    public long tryAcquire(final long nowNs)
    {
        final long nowMs = nowNs / NS_PER_MS;
        while (true)
        {
            final long word = table.read(slot + BreakerTable.STATE);
            final long sinceMs = word >>> SINCE_SHIFT;
            switch ((int)(word & STATE_MASK))
            {
                case 0:
                    return PERMITTED;
                case 1:
                    if (nowMs - sinceMs < settings.waitMs())
                    {
                        table.increment(slot + BreakerTable.NOT_PERMITTED);
                        return REFUSED;
                    }
                    if (transition(word, halfOpen(nowMs)))
                    {
                        return nowMs;
                    }
                    break;
                default:
                    final long admitted = (word & ADMITTED_MASK) >>> STATE_BITS;
                    if (admitted < settings.halfOpenCalls())
                    {
                        if (table.compareAndSet(slot + BreakerTable.STATE, word, word + ONE_ADMITTED))
                        {
                            return sinceMs;
                        }
                    }
                    else if (nowMs - sinceMs > Math.max(settings.waitMs(), settings.windowMs()))
                    {
                        if (transition(word, halfOpen(nowMs)))
                        {
                            return nowMs;
                        }
                    }
                    else
                    {
                        table.increment(slot + BreakerTable.NOT_PERMITTED);
                        return REFUSED;
                    }
                    break;
            }
        }
    }

    /**
     * Records how a permitted call ended.
     *
     * @param permit    what {@link #tryAcquire} returned for it.
     * @param elapsedNs from the call's start to its end.
     * @param failed    it timed out or its target failed it (not a refusal of the request's content).
     * @return true if this outcome opened the breaker: the caller reports it, once across all processes.
     */
    public boolean onOutcome(final long permit, final long nowNs, final long elapsedNs, final boolean failed)
    {
        final boolean slow = !failed && elapsedNs >= settings.slowCallMs() * NS_PER_MS;
        final long nowMs = nowNs / NS_PER_MS;
        if (permit == PERMITTED)
        {
            // A call let through before the state began says nothing of it: one sent before the breaker opened
            // and timing out after trial calls closed it would open it again.
            if ((nowNs - elapsedNs) / NS_PER_MS < table.read(slot + BreakerTable.STATE) >>> SINCE_SHIFT)
            {
                return false;
            }
            final long epoch = nowMs / bucketMs;
            add(epoch, BreakerTable.CALLS);
            if (failed)
            {
                add(epoch, BreakerTable.FAILURES);
            }
            else if (slow)
            {
                add(epoch, BreakerTable.SLOW);
            }
            return (failed || slow) && openIfOverThreshold(nowMs, epoch);
        }
        return permit >= 0 && trialEnded(permit, nowMs, failed || slow);
    }

    /**
     * Gives back a permit whose call was never delivered (no instance to send to, the client closed): it says
     * nothing of the target. A trial call's slot goes back to its episode, so another call can try.
     */
    public void release(final long permit)
    {
        if (permit < 0)
        {
            return;
        }
        while (true)
        {
            final long word = table.read(slot + BreakerTable.STATE);
            if ((word & STATE_MASK) != 2 || word >>> SINCE_SHIFT != permit || (word & ADMITTED_MASK) == 0 ||
                table.compareAndSet(slot + BreakerTable.STATE, word, word - ONE_ADMITTED))
            {
                return;
            }
        }
    }

    /**
     * @return the milliseconds until an open breaker lets trial calls through; 0 if it is not open.
     */
    public long retryAfterMs(final long nowNs)
    {
        final long word = table.read(slot + BreakerTable.STATE);
        if ((word & STATE_MASK) != 1)
        {
            return 0;
        }
        return Math.max(0, settings.waitMs() - (nowNs / NS_PER_MS - (word >>> SINCE_SHIFT)));
    }

    /**
     * Asks to retry a call: granted while the retries in the window stay within the budget's share of its calls (at
     * least {@link BreakerSettings#MIN_RETRIES_PER_WINDOW}), and counted; refused and counted otherwise.
     */
    public boolean tryRetry(final long nowNs)
    {
        final long nowMs = nowNs / NS_PER_MS;
        final long epoch = nowMs / bucketMs;
        final long calls = windowSum(epoch, 0, BreakerTable.CALLS);
        final long retries = windowSum(epoch, 0, BreakerTable.RETRIES);
        final long allowed = Math.max(BreakerSettings.MIN_RETRIES_PER_WINDOW,
            calls * settings.retryBudgetPercent() / 100);
        if (settings.retryBudgetPercent() == 0 || retries >= allowed)
        {
            table.increment(slot + BreakerTable.RETRIES_REFUSED);
            return false;
        }
        add(epoch, BreakerTable.RETRIES);
        return true;
    }

    private boolean openIfOverThreshold(final long nowMs, final long epoch)
    {
        while (true)
        {
            final long word = table.read(slot + BreakerTable.STATE);
            if ((word & STATE_MASK) != 0)
            {
                return false;
            }
            final long fromEpoch = (word >>> SINCE_SHIFT) / bucketMs;
            final long calls = windowSum(epoch, fromEpoch, BreakerTable.CALLS);
            if (calls < settings.minimumCalls())
            {
                return false;
            }
            final long failures = windowSum(epoch, fromEpoch, BreakerTable.FAILURES);
            final long slow = windowSum(epoch, fromEpoch, BreakerTable.SLOW);
            if (failures * 100 < settings.failureRatePercent() * calls &&
                slow * 100 < settings.slowCallRatePercent() * calls)
            {
                return false;
            }
            if (open(word, nowMs))
            {
                return true;
            }
        }
    }

    private boolean trialEnded(final long episode, final long nowMs, final boolean bad)
    {
        while (true)
        {
            final long word = table.read(slot + BreakerTable.STATE);
            if ((word & STATE_MASK) != 2)
            {
                return false;
            }
            // A failed trial reopens it, even one of an episode started again since: a target so slow that its
            // trials outlive their episode must not keep the breaker half open for good.
            if (bad)
            {
                if (open(word, nowMs))
                {
                    return true;
                }
                continue;
            }
            if (word >>> SINCE_SHIFT != episode)
            {
                return false;
            }
            final long successes = countTrialSuccess(episode);
            while (successes >= settings.halfOpenCalls())
            {
                final long current = table.read(slot + BreakerTable.STATE);
                if ((current & STATE_MASK) != 2 || current >>> SINCE_SHIFT != episode ||
                    transition(current, (nowMs << SINCE_SHIFT)))
                {
                    break;
                }
            }
            return false;
        }
    }

    private long countTrialSuccess(final long episode)
    {
        final long tag = episode & MASK32;
        while (true)
        {
            final long word = table.read(slot + BreakerTable.TRIALS);
            final long next = word >>> 32 == tag ? word + 1 : tag << 32 | 1;
            if (table.compareAndSet(slot + BreakerTable.TRIALS, word, next))
            {
                return next & MASK32;
            }
        }
    }

    private boolean open(final long word, final long nowMs)
    {
        if (transition(word, nowMs << SINCE_SHIFT | 1))
        {
            table.increment(slot + BreakerTable.OPENINGS);
            table.writeInt(slot + BreakerTable.WAIT_MS, (int)settings.waitMs());
            return true;
        }
        return false;
    }

    private static long halfOpen(final long nowMs)
    {
        return nowMs << SINCE_SHIFT | 2 | ONE_ADMITTED;
    }

    private boolean transition(final long from, final long to)
    {
        if (table.compareAndSet(slot + BreakerTable.STATE, from, to))
        {
            table.increment(slot + BreakerTable.TRANSITIONS);
            return true;
        }
        return false;
    }

    private void add(final long epoch, final int counter)
    {
        final long offset = wordOffset(epoch, counter);
        final long tag = epoch & MASK32;
        while (true)
        {
            final long word = table.read(offset);
            final long wordTag = word >>> 32;
            // A bucket a later epoch already renewed keeps this count too: the caller was descheduled across the
            // bucket's boundary, and dropping its outcome would be the worse error.
            final boolean later = word != 0 && ((wordTag - tag) & MASK32) <= 2L * BreakerTable.BUCKETS;
            final long next = wordTag == tag || later ? word + 1 : tag << 32 | 1;
            if (table.compareAndSet(offset, word, next))
            {
                return;
            }
        }
    }

    /**
     * @return the counter summed over the buckets of the window ending at {@code epoch} that are not older than
     * {@code fromEpoch}.
     */
    private long windowSum(final long epoch, final long fromEpoch, final int counter)
    {
        return sum(table, slot, epoch, fromEpoch, counter);
    }

    private static long sum(final BreakerTable table, final long slot, final long epoch, final long fromEpoch,
        final int counter)
    {
        final long maxAge = Math.min(BreakerTable.BUCKETS - 1, Math.max(0, epoch - fromEpoch));
        long total = 0;
        for (int bucket = 0; bucket < BreakerTable.BUCKETS; bucket++)
        {
            final long word = table.read(slot + BreakerTable.BUCKET_WORDS + (bucket * 4L + counter) * 8);
            final long age = ((epoch & MASK32) - (word >>> 32)) & MASK32;
            if (age <= maxAge)
            {
                total += word & MASK32;
            }
        }
        return total;
    }

    private long wordOffset(final long epoch, final int counter)
    {
        return slot + BreakerTable.BUCKET_WORDS + ((epoch % BreakerTable.BUCKETS) * 4 + counter) * 8;
    }

    static BreakerSnapshot snapshot(final BreakerTable table, final long slot, final String name, final long nowNs)
    {
        final long word = table.read(slot + BreakerTable.STATE);
        final long bucketMs = Math.max(1, table.readInt(slot + BreakerTable.BUCKET_MS));
        final long waitMs = table.readInt(slot + BreakerTable.WAIT_MS);
        final long nowMs = nowNs / NS_PER_MS;
        final long epoch = nowMs / bucketMs;
        final BreakerState state = BreakerState.fromCode((int)(word & STATE_MASK));
        final long sinceMs = word >>> SINCE_SHIFT;
        final long fromEpoch = state == BreakerState.CLOSED ? sinceMs / bucketMs : 0;
        return new BreakerSnapshot(name, state,
            state == BreakerState.OPEN ? Math.max(0, waitMs - (nowMs - sinceMs)) : 0,
            sum(table, slot, epoch, fromEpoch, BreakerTable.CALLS),
            sum(table, slot, epoch, fromEpoch, BreakerTable.FAILURES),
            sum(table, slot, epoch, fromEpoch, BreakerTable.SLOW),
            table.read(slot + BreakerTable.TRANSITIONS),
            table.read(slot + BreakerTable.OPENINGS),
            table.read(slot + BreakerTable.NOT_PERMITTED),
            table.read(slot + BreakerTable.RETRIES_REFUSED));
    }
}
