package io.procmesh.core.rpc;

import io.procmesh.core.config.Configuration;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Each called service's load-balancing policy and affinity key. The policy belongs to the called service (the
 * topology says it), but a caller may be any process, an embedded one included: the launcher passes every child
 * all services' settings as system properties ({@code procmesh.loadBalancing.<service>},
 * {@code procmesh.affinityKey.<service>}), and an embedding app sets them on {@link RpcClient.Context}, which wins.
 * A service with neither is balanced {@value Configuration#LOAD_BALANCING_DEFAULT}. An affinity key may be a list of
 * names, comma-separated, tried in order for each method ({@code id,email}). A partitioned service
 * ({@code procmesh.partitions.<service>}, or {@link RpcClient.Context#partitions}) is key-affinity by partition
 * ({@link PartitionBalancer}). Checked once, when the client is built: an unknown policy, an affinity key for a
 * service that is not key-affinity, or partitions without key-affinity and a key, fail there.
 */
final class BalancingPolicies
{
    private final Map<String, LoadBalancing> policies = new HashMap<>();
    private final Map<String, String> affinityKeys = new HashMap<>();
    private final Map<String, Integer> partitions = new HashMap<>();

    BalancingPolicies(final Map<String, String> policyOverrides, final Map<String, String> affinityKeyOverrides)
    {
        this(policyOverrides, affinityKeyOverrides, Map.of());
    }

    BalancingPolicies(final Map<String, String> policyOverrides, final Map<String, String> affinityKeyOverrides,
        final Map<String, Integer> partitionOverrides)
    {
        final Properties properties = System.getProperties();
        for (final String name : properties.stringPropertyNames())
        {
            if (name.startsWith(Configuration.LOAD_BALANCING_PROP_PREFIX))
            {
                put(name.substring(Configuration.LOAD_BALANCING_PROP_PREFIX.length()), properties.getProperty(name),
                    name);
            }
            else if (name.startsWith(Configuration.PARTITIONS_PROP_PREFIX))
            {
                putPartitions(name.substring(Configuration.PARTITIONS_PROP_PREFIX.length()),
                    properties.getProperty(name), name);
            }
            else if (name.startsWith(Configuration.AFFINITY_KEY_PROP_PREFIX))
            {
                affinityKeys.put(name.substring(Configuration.AFFINITY_KEY_PROP_PREFIX.length()),
                    properties.getProperty(name).trim());
            }
        }
        policyOverrides.forEach((service, policy) -> put(service, policy, "loadBalancing of service '" + service +
            "'"));
        affinityKeys.putAll(affinityKeyOverrides);
        partitionOverrides.forEach((service, count) -> putPartitions(service, String.valueOf(count),
            "partitions of service '" + service + "'"));
        affinityKeys.forEach((service, key) ->
        {
            if (policy(service) != LoadBalancing.KEY_AFFINITY)
            {
                throw new IllegalArgumentException("affinityKey '" + key + "' of service '" + service +
                    "' needs loadBalancing key-affinity, not " + policy(service).policyName());
            }
            if (key.isEmpty() || keyNames(key).contains(""))
            {
                throw new IllegalArgumentException("affinityKey of service '" + service + "' is empty");
            }
        });
        partitions.keySet().forEach(service ->
        {
            if (policy(service) != LoadBalancing.KEY_AFFINITY || affinityKey(service) == null)
            {
                throw new IllegalArgumentException("partitions of service '" + service + "' need loadBalancing " +
                    "key-affinity and an affinityKey: the key picks the partition");
            }
        });
    }

    private void putPartitions(final String service, final String count, final String source)
    {
        try
        {
            final int parsed = Integer.parseInt(count.trim());
            Partition.partitionOf("", parsed);
            partitions.put(service, parsed);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(source + ": " + (ex instanceof NumberFormatException ?
                "not a number: '" + count + "'" : ex.getMessage()), ex);
        }
    }

    private void put(final String service, final String policy, final String source)
    {
        try
        {
            policies.put(service, LoadBalancing.of(policy));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(source + ": " + ex.getMessage(), ex);
        }
    }

    LoadBalancing policy(final String service)
    {
        return policies.getOrDefault(service, LoadBalancing.DEFAULT);
    }

    /**
     * @return the service's partition count, 0 if it is not partitioned.
     */
    int partitions(final String service)
    {
        return partitions.getOrDefault(service, 0);
    }

    /**
     * @return a new balancer for the service's instances: each service gets its own, since round robin keeps a
     * cursor.
     */
    LoadBalancer newBalancer(final String service)
    {
        return partitions(service) > 0 ? new PartitionBalancer() : policy(service).newBalancer();
    }

    /**
     * @return the names an affinity key lists, in the order they are tried: {@code "id, email"} is id, then email.
     */
    static List<String> keyNames(final String affinityKey)
    {
        return Arrays.stream(affinityKey.split(",", -1)).map(String::trim).toList();
    }

    /**
     * @return the service's affinity key, or null (key-affinity without a key balances as least-outstanding).
     */
    String affinityKey(final String service)
    {
        return affinityKeys.get(service);
    }
}
