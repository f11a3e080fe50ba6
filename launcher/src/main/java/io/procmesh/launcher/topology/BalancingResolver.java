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
 * makes its proxy.
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
            final Located<String> key = entry.affinityKey();
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
        }
        return properties;
    }
}
