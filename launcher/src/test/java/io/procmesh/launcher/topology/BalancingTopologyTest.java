package io.procmesh.launcher.topology;

import org.junit.jupiter.api.Test;

import static io.procmesh.launcher.topology.TopologyText.error;
import static io.procmesh.launcher.topology.TopologyText.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 12: a service's {@code loadBalancing:} and {@code affinityKey:} reach every child as system properties,
 * since the callers apply them; bad values stop the load at their line.
 */
class BalancingTopologyTest
{
    private static final String USER_MAIN = "io.procmesh.services.user.UserServiceMain";
    private static final String ORDER_MAIN = "io.procmesh.services.order.OrderServiceMain";

    @Test
    void shouldPassEveryServicesPolicyToEveryChild()
    {
        final Topology topology = parse("""
            services:
              user:
                mainClass: %s
                instances: 3
                loadBalancing: key-affinity
                affinityKey: request.userId
              order:
                mainClass: %s
                loadBalancing: Round-Robin
              notification:
                mainClass: %s
            gateway:
              port: 0
            """.formatted(USER_MAIN, ORDER_MAIN, USER_MAIN));

        for (final String name : topology.serviceNames())
        {
            final ServiceDefinition service = topology.service(name);
            assertEquals("key-affinity", service.properties().get("procmesh.loadBalancing.user"), name);
            assertEquals("request.userId", service.properties().get("procmesh.affinityKey.user"), name);
            assertEquals("round-robin", service.properties().get("procmesh.loadBalancing.order"), name);
            // Left to core's default (least-outstanding), so an app's own setting is not overridden.
            assertFalse(service.properties().containsKey("procmesh.loadBalancing.notification"), name);
        }
    }

    @Test
    void shouldRejectBadPoliciesAndKeysAtTheirLine()
    {
        assertEquals("t.yaml:4:20: services.user.loadBalancing: unknown load-balancing policy 'random'; valid: " +
            "round-robin, least-outstanding, key-affinity", error("""
            services:
              user:
                mainClass: %s
                loadBalancing: random
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:4:18: services.user.affinityKey needs loadBalancing: key-affinity (the service's " +
            "policy is least-outstanding)", error("""
            services:
              user:
                mainClass: %s
                affinityKey: userId
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:4:20: services.user.loadBalancing key-affinity needs an affinityKey: the argument " +
            "(or argument.field) whose value picks the instance", error("""
            services:
              user:
                mainClass: %s
                loadBalancing: key-affinity
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:4:18: jvmOption '-Dprocmesh.loadBalancing.user=round-robin' is reserved: the launcher " +
            "sets the class path, procmesh.instanceId, procmesh.dataDir, procmesh.serviceName, procmesh.service.*, " +
            "and procmesh.loadBalancing.*, procmesh.affinityKey.* and procmesh.breaker.* (from the services' " +
            "loadBalancing, affinityKey and breaker)", error("""
            services:
              user:
                mainClass: %s
                jvmOptions: [-Dprocmesh.loadBalancing.user=round-robin]
            """.formatted(USER_MAIN)));
    }
}
