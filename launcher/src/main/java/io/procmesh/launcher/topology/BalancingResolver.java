package io.procmesh.launcher.topology;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.rpc.LoadBalancing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks each service's {@code loadBalancing:} and {@code affinityKey:} and turns them into the system properties
 * every child gets: the policy belongs to the called service, but it is the callers (any service, the gateway) that
 * apply it, so each child is told the settings of all services ({@code procmesh.loadBalancing.<service>},
 * {@code procmesh.affinityKey.<service>}). A service without {@code loadBalancing:} is left to core's default,
 * {@value Configuration#LOAD_BALANCING_DEFAULT}. Whether each api method carries the key is checked when a caller
 * makes its proxy. An affinity key may be a list of names, tried in order ({@code [id, email]}; passed on
 * comma-separated). {@code partitions:} (1 to {@value Configuration#MAX_PARTITIONS}) needs key-affinity and a key,
 * and fixes the instance count: {@code instances} must be absent or equal; every child is told the count
 * ({@code procmesh.partitions.<service>}).
 */
final class BalancingResolver
{
    private final String source;

    BalancingResolver(final String source)
    {
        this.source = source;
    }

    /**
     * @return the properties for every child, in file order.
     * @throws TopologyException at the value's line: an unknown policy, an empty key, a key without key-affinity,
     *                           or key-affinity without a key.
     */
    Map<String, String> properties(final List<TopologyDocument.ServiceDeclaration> declarations)
    {
        final Map<String, String> properties = new LinkedHashMap<>();
        for (final TopologyDocument.ServiceDeclaration declaration : declarations)
        {
            final TopologyDocument.ServiceEntry entry = declaration.entry();
            if (entry == null)
            {
                continue;
            }
            final String service = declaration.name().value();
            final Located<String> policyName = entry.loadBalancing();
            final Located<String> key = keyText(service, entry.affinityKey());
            LoadBalancing policy = null;
            if (policyName != null)
            {
                try
                {
                    policy = LoadBalancing.of(policyName.value());
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new TopologyException(policyName.mark(source), "services." + service + ".loadBalancing: " +
                        ex.getMessage());
                }
                properties.put(Configuration.LOAD_BALANCING_PROP_PREFIX + service, policy.policyName());
            }
            if (key != null)
            {
                if (policy != LoadBalancing.KEY_AFFINITY)
                {
                    throw new TopologyException(key.mark(source), "services." + service + ".affinityKey needs " +
                        "loadBalancing: key-affinity (the service's policy is " +
                        (policy == null ? LoadBalancing.DEFAULT : policy).policyName() + ")");
                }
                if (key.value() == null || key.value().isBlank())
                {
                    throw new TopologyException(key.mark(source), "services." + service + ".affinityKey is empty");
                }
                properties.put(Configuration.AFFINITY_KEY_PROP_PREFIX + service, key.value().trim());
            }
            else if (policy == LoadBalancing.KEY_AFFINITY)
            {
                throw new TopologyException(policyName.mark(source), "services." + service + ".loadBalancing " +
                    "key-affinity needs an affinityKey: the argument (or argument.field) whose value picks the " +
                    "instance");
            }
            partitions(service, entry, policy, key, properties);
        }
        return properties;
    }

    private void partitions(final String service, final TopologyDocument.ServiceEntry entry,
        final LoadBalancing policy, final Located<String> key, final Map<String, String> properties)
    {
        final Located<Integer> partitions = entry.partitions();
        if (partitions == null)
        {
            return;
        }
        final String path = "services." + service;
        final int count = partitions.value() == null ? 0 : partitions.value();
        if (count < 1 || count > Configuration.MAX_PARTITIONS)
        {
            throw new TopologyException(partitions.mark(source), path + ".partitions must be between 1 and " +
                Configuration.MAX_PARTITIONS + ", was " + partitions.value());
        }
        if (policy != LoadBalancing.KEY_AFFINITY || key == null)
        {
            throw new TopologyException(partitions.mark(source), path + ".partitions needs loadBalancing: " +
                "key-affinity and an affinityKey: the key picks each call's partition");
        }
        final Located<Integer> instances = entry.instances();
        if (instances != null && !Integer.valueOf(count).equals(instances.value()))
        {
            throw new TopologyException(instances.mark(source), path + ".instances (" + instances.value() +
                ") must equal " + path + ".partitions (" + count + ") or be left out: one instance serves each " +
                "partition");
        }
        properties.put(Configuration.PARTITIONS_PROP_PREFIX + service, String.valueOf(count));
    }

    /**
     * @return the key as children are told it: a name, or a list's names comma-separated; null if absent.
     */
    private Located<String> keyText(final String service, final Located<Object> key)
    {
        if (key == null || !(key.value() instanceof List<?> names))
        {
            return key == null ? null : new Located<>(key.value() == null ? null : String.valueOf(key.value()),
                key.line(), key.column());
        }
        final List<String> texts = new java.util.ArrayList<>();
        for (final Object name : names)
        {
            if (!(name instanceof String text) || text.isBlank() || text.contains(","))
            {
                throw new TopologyException(key.mark(source), "services." + service + ".affinityKey lists '" + name +
                    "': each entry must be an argument or argument.field name");
            }
            texts.add(text.trim());
        }
        return new Located<>(texts.isEmpty() ? "" : String.join(",", texts), key.line(), key.column());
    }
}
