package io.procmesh.core.rpc;

import java.util.Locale;

/**
 * The load-balancing policies a service can be given in the topology ({@code loadBalancing:}); the one home of
 * their names, which the launcher's topology loader checks against too.
 */
public enum LoadBalancing
{
    ROUND_ROBIN("round-robin"),
    /**
     * The default: the live instance with the fewest calls in flight.
     */
    LEAST_OUTSTANDING("least-outstanding"),
    /**
     * Rendezvous hashing of the call's affinity key over the live instances.
     */
    KEY_AFFINITY("key-affinity");

    public static final LoadBalancing DEFAULT = LEAST_OUTSTANDING;

    private final String policyName;

    LoadBalancing(final String policyName)
    {
        this.policyName = policyName;
    }

    public String policyName()
    {
        return policyName;
    }

    /**
     * @throws IllegalArgumentException naming the valid values, if the name is none of them.
     */
    public static LoadBalancing of(final String name)
    {
        for (final LoadBalancing policy : values())
        {
            if (policy.policyName.equals(name == null ? null : name.trim().toLowerCase(Locale.ROOT)))
            {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown load-balancing policy '" + name + "'; valid: " + names());
    }

    public static String names()
    {
        return "round-robin, least-outstanding, key-affinity";
    }

    /**
     * @return a new balancer: each service's endpoints get their own, since round robin keeps a cursor.
     */
    LoadBalancer newBalancer()
    {
        switch (this)
        {
            case ROUND_ROBIN:
                return new RoundRobin();
            case KEY_AFFINITY:
                return new KeyAffinity(new LeastOutstanding());
            default:
                return new LeastOutstanding();
        }
    }
}
