package io.procmesh.core.rpc;

import io.procmesh.core.config.Configuration;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Each called service's load-balancing policy and affinity key. The policy belongs to the called service (the
 * topology says it), but a caller may be any process, an embedded one included: the launcher passes every child
 * all services' settings as system properties ({@code procmesh.loadBalancing.<service>},
 * {@code procmesh.affinityKey.<service>}), and an embedding app sets them on {@link RpcClient.Context}, which wins.
 * A service with neither is balanced {@value Configuration#LOAD_BALANCING_DEFAULT}. Checked once, when the client is
 * built: an unknown policy, or an affinity key for a service that is not key-affinity, fails there.
 */
final class BalancingPolicies
{
    private final Map<String, LoadBalancing> policies = new HashMap<>();
    private final Map<String, String> affinityKeys = new HashMap<>();

    BalancingPolicies(final Map<String, String> policyOverrides, final Map<String, String> affinityKeyOverrides)
    {
        final Properties properties = System.getProperties();
        for (final String name : properties.stringPropertyNames())
        {
            if (name.startsWith(Configuration.LOAD_BALANCING_PROP_PREFIX))
            {
                put(name.substring(Configuration.LOAD_BALANCING_PROP_PREFIX.length()), properties.getProperty(name),
                    name);
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
        affinityKeys.forEach((service, key) ->
        {
            if (policy(service) != LoadBalancing.KEY_AFFINITY)
            {
                throw new IllegalArgumentException("affinityKey '" + key + "' of service '" + service +
                    "' needs loadBalancing key-affinity, not " + policy(service).policyName());
            }
            if (key.isEmpty())
            {
                throw new IllegalArgumentException("affinityKey of service '" + service + "' is empty");
            }
        });
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
     * @return the service's affinity key, or null (key-affinity without a key balances as least-outstanding).
     */
    String affinityKey(final String service)
    {
        return affinityKeys.get(service);
    }
}
