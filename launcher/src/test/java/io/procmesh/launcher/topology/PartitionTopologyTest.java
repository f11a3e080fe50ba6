package io.procmesh.launcher.topology;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.procmesh.launcher.topology.TopologyText.error;
import static io.procmesh.launcher.topology.TopologyText.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12, state with replicas: {@code partitions: N} runs N instances, tells every child the count, takes an
 * affinity key list, and stops the load at the line of a count out of range, an instance count that differs, or a
 * service without key-affinity.
 */
class PartitionTopologyTest
{
    private static final String USER_MAIN = "io.procmesh.services.user.UserServiceMain";

    @Test
    void shouldRunOneInstancePerPartitionAndTellEveryChildTheCount()
    {
        final Topology topology = parse("""
            services:
              user:
                mainClass: %s
                partitions: 3
                loadBalancing: key-affinity
                affinityKey: [id, request.email]
              order:
                mainClass: %s
            """.formatted(USER_MAIN, USER_MAIN));

        final ServiceDefinition user = topology.service("user");
        assertEquals(3, user.instances());
        assertEquals(3, user.partitions());
        assertEquals(0, topology.service("order").partitions());
        assertEquals(4, topology.instanceCount());
        for (final String name : List.of("user", "order"))
        {
            assertEquals("3", topology.service(name).properties().get("procmesh.partitions.user"), name);
            assertEquals("id,request.email", topology.service(name).properties().get("procmesh.affinityKey.user"),
                name);
        }
        assertEquals(2, parse("""
            services:
              user:
                mainClass: %s
                instances: 2
                partitions: 2
                loadBalancing: key-affinity
                affinityKey: id
            """.formatted(USER_MAIN)).service("user").instances(), "instances equal to partitions is allowed");
    }

    @Test
    void shouldRejectBadPartitionsAtTheirLine()
    {
        assertEquals("t.yaml:4:17: services.user.partitions must be between 1 and 64, was 0", error("""
            services:
              user:
                mainClass: %s
                partitions: 0
                loadBalancing: key-affinity
                affinityKey: id
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:4:17: services.user.partitions must be between 1 and 64, was 65", error("""
            services:
              user:
                mainClass: %s
                partitions: 65
                loadBalancing: key-affinity
                affinityKey: id
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:4:16: services.user.instances (3) must equal services.user.partitions (2) or be " +
            "left out: one instance serves each partition", error("""
            services:
              user:
                mainClass: %s
                instances: 3
                partitions: 2
                loadBalancing: key-affinity
                affinityKey: id
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:4:17: services.user.partitions needs loadBalancing: key-affinity and an affinityKey: " +
            "the key picks each call's partition", error("""
            services:
              user:
                mainClass: %s
                partitions: 2
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:4:17: services.user.partitions needs loadBalancing: key-affinity and an affinityKey: " +
            "the key picks each call's partition", error("""
            services:
              user:
                mainClass: %s
                partitions: 2
                loadBalancing: round-robin
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:6:18: services.user.affinityKey lists '': each entry must be an argument or " +
            "argument.field name", error("""
            services:
              user:
                mainClass: %s
                partitions: 2
                loadBalancing: key-affinity
                affinityKey: [id, '']
            """.formatted(USER_MAIN)));
    }
}
