package io.procmesh.core.rpc;

/**
 * Rendezvous (highest random weight) hashing: each live instance scores {@code mix(keyHash, instance hash)} and
 * the highest wins. One key always reaches the same live instance; when an instance leaves, only its keys move
 * (each to its second-best), and when it returns they come back. A call without a key goes to the fallback.
 * <p>
 * Hashes are computed from text, never {@link Object#hashCode()} of arbitrary objects (an enum's is an identity
 * hash): every caller process must map a key to the same instance.
 */
final class KeyAffinity implements LoadBalancer
{
    private final LoadBalancer withoutKey;

    KeyAffinity(final LoadBalancer withoutKey)
    {
        this.withoutKey = withoutKey;
    }

    @Override
    public RemoteInstance pick(final RemoteInstance[] instances, final long keyHash, final long nowNs,
        final long staleNs)
    {
        if (keyHash == NO_KEY)
        {
            return withoutKey.pick(instances, keyHash, nowNs, staleNs);
        }
        RemoteInstance best = null;
        long bestWeight = 0;
        for (final RemoteInstance candidate : instances)
        {
            if (candidate.isUp(nowNs, staleNs))
            {
                final long weight = mix(keyHash ^ candidate.idHash());
                if (best == null || Long.compareUnsigned(weight, bestWeight) > 0)
                {
                    best = candidate;
                    bestWeight = weight;
                }
            }
        }
        return best;
    }

    /**
     * @return the key's hash, never {@link #NO_KEY}; the same in every JVM for equal text.
     */
    static long hash(final Object key)
    {
        final long hash;
        if (key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte)
        {
            hash = mix(((Number)key).longValue() + 0x9E3779B97F4A7C15L);
        }
        else
        {
            hash = hashText(String.valueOf(key));
        }
        return hash == NO_KEY ? 1 : hash;
    }

    /**
     * 64-bit FNV-1a of the chars, then mixed.
     */
    static long hashText(final CharSequence text)
    {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0, length = text.length(); i < length; i++)
        {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return mix(hash);
    }

    /**
     * The SplitMix64 finaliser: spreads close inputs over the whole range.
     */
    static long mix(final long value)
    {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
