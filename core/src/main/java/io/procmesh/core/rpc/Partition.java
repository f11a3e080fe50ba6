package io.procmesh.core.rpc;

import io.procmesh.core.config.Configuration;

/**
 * Which share of a partitioned service's keys one instance serves. Partitions are numbered 1 to {@code count}, as
 * instances are: instance {@code <service>-k} of the topology serves partition k, and its stores live in
 * {@code state/<service>/partition-<k>/}.
 * <p>
 * {@link #partitionOf} is THE mapping from a key to its partition: callers route by it and services check
 * ownership by it, in every JVM alike. It is rendezvous hashing over the partition numbers with the text hash
 * key-affinity uses ({@link KeyAffinity#hash}), so it depends only on the key's text and the count, never on which
 * instances are live: a key never moves to another partition's instance, which would not hold its data.
 *
 * @param index the partition served, 1 to {@code count}.
 * @param count the service's partition count, 1 to {@value Configuration#MAX_PARTITIONS}.
 */
public record Partition(int index, int count)
{
    /**
     * An unpartitioned service's instance: one partition that owns every key.
     */
    public static final Partition NONE = new Partition(1, 1);

    /**
     * @throws IllegalArgumentException if the count or the index is out of range.
     */
    public Partition
    {
        requireCount(count);
        if (index < 1 || index > count)
        {
            throw new IllegalArgumentException("partition must be between 1 and " + count + ", was " + index);
        }
    }

    /**
     * @return the partition of this instance from {@code procmesh.partition} and {@code procmesh.partitions}, which
     * the launcher sets; {@link #NONE} when they are not set.
     */
    public static Partition fromConfiguration()
    {
        final int count = Configuration.partitionCount();
        return count == 0 ? NONE : new Partition(Configuration.partition(), count);
    }

    /**
     * @return whether this partition holds the key: always for an unpartitioned service.
     */
    public boolean owns(final Object key)
    {
        return count == 1 || partitionOf(key, count) == index;
    }

    /**
     * @return the partition (1 to {@code count}) that owns the key; the same in every JVM for equal key text.
     * @throws IllegalArgumentException for a null key or a count out of range.
     */
    public static int partitionOf(final Object key, final int count)
    {
        if (key == null)
        {
            throw new IllegalArgumentException("a null key has no partition");
        }
        return ofHash(KeyAffinity.hash(key), requireCount(count));
    }

    /**
     * Allocation-free, for the call path: each partition number scores {@code mix(keyHash ^ mix(number))}, the
     * highest wins (at most 64 multiplications).
     */
    static int ofHash(final long keyHash, final int count)
    {
        int best = 1;
        long bestWeight = 0;
        for (int number = 1; number <= count; number++)
        {
            final long weight = KeyAffinity.mix(keyHash ^ KeyAffinity.mix(number * 0x9E3779B97F4A7C15L));
            if (number == 1 || Long.compareUnsigned(weight, bestWeight) > 0)
            {
                best = number;
                bestWeight = weight;
            }
        }
        return best;
    }

    private static int requireCount(final int count)
    {
        if (count < 1 || count > Configuration.MAX_PARTITIONS)
        {
            throw new IllegalArgumentException("partitions must be between 1 and " + Configuration.MAX_PARTITIONS +
                ", was " + count);
        }
        return count;
    }
}
