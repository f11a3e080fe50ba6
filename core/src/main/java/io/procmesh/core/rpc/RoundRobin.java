package io.procmesh.core.rpc;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The next live instance after the last one chosen.
 */
final class RoundRobin implements LoadBalancer
{
    private final AtomicInteger cursor = new AtomicInteger();

    @Override
    public RemoteInstance pick(final RemoteInstance[] instances, final long keyHash, final long nowNs,
        final long staleNs)
    {
        final int length = instances.length;
        final int start = cursor.getAndIncrement();
        for (int i = 0; i < length; i++)
        {
            final RemoteInstance candidate = instances[Math.floorMod(start + i, length)];
            if (candidate.isUp(nowNs, staleNs))
            {
                return candidate;
            }
        }
        return null;
    }
}
