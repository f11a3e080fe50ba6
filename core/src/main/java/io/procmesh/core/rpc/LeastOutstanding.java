package io.procmesh.core.rpc;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live instance with the fewest calls outstanding ({@link RemoteInstance#outstanding}: what the instance
 * published in its slot plus this caller's own calls to it not yet answered). Ties are broken round robin: the
 * scan starts one further on each pick and keeps the first minimum, so an idle fleet still spreads.
 */
final class LeastOutstanding implements LoadBalancer
{
    private final AtomicInteger cursor = new AtomicInteger();

    @Override
    public RemoteInstance pick(final RemoteInstance[] instances, final long keyHash, final long nowNs,
        final long staleNs)
    {
        final int length = instances.length;
        final int start = cursor.getAndIncrement();
        RemoteInstance best = null;
        long bestLoad = Long.MAX_VALUE;
        for (int i = 0; i < length; i++)
        {
            final RemoteInstance candidate = instances[Math.floorMod(start + i, length)];
            if (candidate.isUp(nowNs, staleNs))
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
