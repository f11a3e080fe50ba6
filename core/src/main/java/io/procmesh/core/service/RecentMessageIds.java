package io.procmesh.core.service;

/**
 * The last N message ids seen, to drop a message delivered twice. Open addressing over a long[] with a FIFO ring
 * for eviction: no boxing, no allocation after construction. Zero is never a valid id here.
 */
final class RecentMessageIds
{
    /**
     * Keeps the table (4 longs per id) under 2 GiB: a larger window is a configuration mistake, not a need.
     */
    static final int MAX_WINDOW = 1 << 26;

    private final long[] table;
    private final int tableMask;
    private final long[] ring;
    private int ringPosition;

    RecentMessageIds(final int window)
    {
        if (window < 1 || window > MAX_WINDOW)
        {
            throw new IllegalArgumentException(
                "procmesh.dedupWindow must be between 1 and " + MAX_WINDOW + ", was " + window);
        }
        // The table stays under half full: at least 2 * window slots, a power of two.
        final int capacity = Integer.highestOneBit(Math.max(2, window) * 4 - 1);
        this.table = new long[capacity];
        this.tableMask = capacity - 1;
        this.ring = new long[window];
    }

    /**
     * @return true if the id is new (and is now remembered), false if it was seen within the window.
     */
    boolean add(final long id)
    {
        final long key = id == 0 ? Long.MIN_VALUE : id;
        int index = slot(key);
        while (table[index] != 0)
        {
            if (table[index] == key)
            {
                return false;
            }
            index = (index + 1) & tableMask;
        }
        table[index] = key;

        final long evicted = ring[ringPosition];
        ring[ringPosition] = key;
        ringPosition = ringPosition + 1 == ring.length ? 0 : ringPosition + 1;
        if (evicted != 0)
        {
            remove(evicted);
        }
        return true;
    }

    private void remove(final long key)
    {
        int index = slot(key);
        while (table[index] != key)
        {
            if (table[index] == 0)
            {
                return;
            }
            index = (index + 1) & tableMask;
        }
        table[index] = 0;
        // Backward-shift the rest of the probe run so later lookups still find their keys.
        int next = (index + 1) & tableMask;
        while (table[next] != 0)
        {
            final long moved = table[next];
            final int home = slot(moved);
            if (((next - home) & tableMask) >= ((next - index) & tableMask))
            {
                table[index] = moved;
                table[next] = 0;
                index = next;
            }
            next = (next + 1) & tableMask;
        }
    }

    private int slot(final long key)
    {
        final long mixed = key * 0x9E3779B97F4A7C15L;
        return (int)(mixed ^ (mixed >>> 32)) & tableMask;
    }
}
