package io.procmesh.core.rpc;

import io.procmesh.core.message.PayloadFormat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How the calls of one api method reach a service's instances, resolved once per method (by {@link ServiceProxy}
 * and the gateway's routes): the route a call carries, read from its arguments, and whether it goes to every
 * partition.
 * <ul>
 * <li>key-affinity: the first name of the service's affinity key that the method has (an argument, or a field of
 * one; {@code id,email} tries id, then email) gives the key; its hash picks the instance.</li>
 * <li>partitioned: the key's partition ({@link Partition#partitionOf}) is the route; only that partition's
 * instances take the call. A method with no key must be {@link AllPartitions}; any other keyless call fails
 * before it is sent, naming the method, so nothing silently reads one partition.</li>
 * </ul>
 */
public final class CallRouting
{
    private final String service;
    private final String operation;
    private final int partitions;
    private final AffinityKeyExtractor[] keys;
    private final boolean allPartitions;

    private CallRouting(final String service, final String operation, final int partitions,
        final AffinityKeyExtractor[] keys, final boolean allPartitions)
    {
        this.service = service;
        this.operation = operation;
        this.partitions = partitions;
        this.keys = keys;
        this.allPartitions = allPartitions;
    }

    /**
     * @return how the method's calls reach the service's instances, by the client's balancing policies.
     * @throws IllegalArgumentException for a key-affinity service that is not partitioned, if the method has none of
     *                                  the key's names (the first one's misfit is named).
     */
    public static CallRouting of(final RpcClient client, final String service, final Method method)
    {
        return of(service, method, client.policies());
    }

    static CallRouting of(final String service, final Method method, final BalancingPolicies policies)
    {
        final int partitions = policies.partitions(service);
        final boolean allPartitions = method.isAnnotationPresent(AllPartitions.class);
        final String affinityKey = policies.policy(service) == LoadBalancing.KEY_AFFINITY ?
            policies.affinityKey(service) : null;
        final List<AffinityKeyExtractor> keys = new ArrayList<>();
        IllegalArgumentException firstMisfit = null;
        if (affinityKey != null)
        {
            for (final String name : BalancingPolicies.keyNames(affinityKey))
            {
                try
                {
                    keys.add(AffinityKeyExtractor.of(service, method, name));
                }
                catch (final IllegalArgumentException ex)
                {
                    firstMisfit = firstMisfit == null ? ex : firstMisfit;
                }
            }
        }
        if (keys.isEmpty() && firstMisfit != null && partitions == 0 && !allPartitions)
        {
            throw firstMisfit;
        }
        return new CallRouting(service, method.getName(), partitions, keys.toArray(new AffinityKeyExtractor[0]),
            allPartitions);
    }

    /**
     * @return a routing that sends every call without a key, whatever the service's policy: for a caller that
     * keeps a method the key does not fit (the gateway balances those as keyless calls).
     */
    public static CallRouting unkeyed(final String service, final Method method)
    {
        return new CallRouting(service, method.getName(), 0, new AffinityKeyExtractor[0], false);
    }

    /**
     * @return whether a call goes to every partition ({@link AllPartitions} on a partitioned service).
     */
    public boolean fansOut()
    {
        return allPartitions && partitions > 0;
    }

    /**
     * Sends the call to one live instance of every partition ({@link #fansOut}; to the one service otherwise).
     *
     * @return the answers in partition order; failed with the first failed partition's failure, in partition
     * order, if any failed.
     */
    public <T> CompletableFuture<List<T>> sendToEveryPartition(final RpcClient client, final PayloadFormat format,
        final PayloadWriter payloadWriter, final ResponseDecoder<T> decoder, final long timeoutMs)
    {
        return EveryPartition.send(client, partitions, service, operation, format, payloadWriter, decoder, timeoutMs);
    }

    /**
     * @return the service's partition count, 0 if it is not partitioned.
     */
    public int partitions()
    {
        return partitions;
    }

    /**
     * @param args the call's arguments as the api method takes them.
     * @return the route to pass to {@link RpcClient#send}: a key hash, a partition, or no key.
     * @throws ServiceException FAILED_PRECONDITION for a keyless call to a partitioned service, INVALID_ARGUMENT
     *                          when its key is null.
     */
    public long route(final Object[] args)
    {
        if (keys.length == 0)
        {
            if (partitions > 0)
            {
                throw ServiceException.failedPrecondition(null, keyless(service, operation));
            }
            return LoadBalancer.NO_KEY;
        }
        Object key = null;
        for (int i = 0; i < keys.length && key == null; i++)
        {
            key = keys[i].extract(args);
        }
        if (partitions == 0)
        {
            return KeyAffinity.hash(key);
        }
        if (key == null)
        {
            throw ServiceException.invalid(null, "'" + operation + "' of partitioned service '" + service +
                "' needs its key to pick a partition, and the key is missing (null)");
        }
        return PartitionBalancer.route(Partition.ofHash(KeyAffinity.hash(key), partitions));
    }

    static String keyless(final String service, final String operation)
    {
        return "'" + operation + "' of partitioned service '" + service + "' has no key (affinityKey) to pick a " +
            "partition by and is not marked @AllPartitions: not sent, so that it never reads one partition only";
    }
}
