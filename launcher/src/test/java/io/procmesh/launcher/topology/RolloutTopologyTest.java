package io.procmesh.launcher.topology;

import io.procmesh.launcher.LauncherConfiguration;
import org.junit.jupiter.api.Test;

import static io.procmesh.launcher.topology.TopologyText.error;
import static io.procmesh.launcher.topology.TopologyText.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 12: a service's {@code rollout:} policy, with the launcher's defaults, and a caller's {@code versions:} and
 * {@code metadataFilters:}, which reach its child as system properties its client applies; bad values stop the load
 * at their line, naming the key.
 */
class RolloutTopologyTest
{
    private static final String USER_MAIN = "io.procmesh.services.user.UserServiceMain";
    private static final String ORDER_MAIN = "io.procmesh.services.order.OrderServiceMain";

    @Test
    void shouldTakeTheRolloutPolicyOrTheLaunchersDefaults()
    {
        final Topology topology = parse("""
            services:
              user:
                mainClass: %s
                rollout: {soakMs: 0, maxErrorRate: 0.5}
              order: {mainClass: %s}
            """.formatted(USER_MAIN, ORDER_MAIN));
        assertEquals(new RolloutPolicy(0, 0.5), topology.service("user").rollout());
        assertEquals(new RolloutPolicy(LauncherConfiguration.ROLLOUT_SOAK_MS_DEFAULT,
            LauncherConfiguration.ROLLOUT_MAX_ERROR_RATE_DEFAULT), topology.service("order").rollout());
        assertEquals("t.yaml:4:42: services.user.rollout.maxErrorRate must be between 0 and 1, was 2.0", error("""
            services:
              user:
                mainClass: %s
                rollout: {soakMs: 100, maxErrorRate: 2}
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:4:23: services.user.rollout.soakMs must be at least 0, was -1", error("""
            services:
              user:
                mainClass: %s
                rollout: {soakMs: -1}
            """.formatted(USER_MAIN)));
    }

    @Test
    void shouldPassACallersVersionRangesAndMetadataFiltersToItsChild()
    {
        final Topology topology = parse("""
            services:
              user: {mainClass: %s}
              order:
                mainClass: %s
                versions: {user: "^1.2"}
                metadataFilters: {user: "role=primary, zone=eu-1"}
            """.formatted(USER_MAIN, ORDER_MAIN));
        assertEquals("^1.2", topology.service("order").properties().get("procmesh.versionRange.user"));
        assertEquals("role=primary, zone=eu-1",
            topology.service("order").properties().get("procmesh.metadataFilter.user"));
        assertNull(topology.service("user").properties().get("procmesh.versionRange.user"));

        assertEquals("t.yaml:5:22: services.order.versions.user: '>=1' is not a version range: use ^1.2.3, " +
            "~1.2.3, 1.2.3, 1.2, 1 or *", error("""
            services:
              user: {mainClass: %s}
              order:
                mainClass: %s
                versions: {user: ">=1"}
            """.formatted(USER_MAIN, ORDER_MAIN)));
        assertEquals("t.yaml:5:29: services.order.metadataFilters.user: 'primary' is not a metadata filter: use " +
            "name=value[,name=value...], e.g. role=primary", error("""
            services:
              user: {mainClass: %s}
              order:
                mainClass: %s
                metadataFilters: {user: primary}
            """.formatted(USER_MAIN, ORDER_MAIN)));
    }
}
