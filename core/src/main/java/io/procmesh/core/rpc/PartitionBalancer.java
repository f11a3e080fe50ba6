package io.procmesh.core.rpc;

/**
 * Picks for a partitioned service: only an instance serving the call's partition, never another partition's (it
 * does not hold the key's data); of several (a rollout runs a new instance beside the old), the least loaded. A
 * partitioned call's route is not a key hash but {@link #route(int) its partition}, computed by
 * {@link CallRouting} with {@link Partition#partitionOf}'s mapping.
 * <p>
 * An instance is picked only while the process registered under its id is the one whose metadata named its
 * partition: a rollout may register a drained id anew for the other partition, and the caller would otherwise route
 * the old partition's keys to it until its next scan (the chaos run: an order refused because its user "does not
 * exist"). A miss makes the directory scan at once.
 */
final class PartitionBalancer implements LoadBalancer
{
    /**
     * @param partition 1-based.
     * @return the route a call to that partition carries: never {@link #NO_KEY}.
     */
    static long route(final int partition)
    {
        return partition;
    }

    static int partitionOf(final long route)
    {
        return (int)route;
    }

    @Override
    public RemoteInstance pick(final RemoteInstance[] instances, final long route, final long nowNs,
        final long staleNs)
    {
        if (route == NO_KEY)
        {
            return null;
        }
        final int partition = partitionOf(route);
        RemoteInstance best = null;
        long bestLoad = Long.MAX_VALUE;
        for (final RemoteInstance candidate : instances)
        {
            if (candidate.partition() == partition && candidate.isUp(nowNs, staleNs) &&
                candidate.servesKnownPartition())
            {
                final long load = candidate.outstanding();
                if (load < bestLoad)
                {
                    best = candidate;
                    bestLoad = load;
                }
            }
        }
        return best;
    }
}
