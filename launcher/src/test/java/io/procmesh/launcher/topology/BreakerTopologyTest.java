package io.procmesh.launcher.topology;

import io.procmesh.core.breaker.BreakerSettings;
import org.junit.jupiter.api.Test;

import static io.procmesh.launcher.topology.TopologyText.error;
import static io.procmesh.launcher.topology.TopologyText.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 13: a service's {@code breaker:} over the {@code defaults} block's, key by key, reaches every child (the
 * callers apply it) as {@code procmesh.breaker.<service>}; a bad key or value stops the load at its line, naming it.
 */
class BreakerTopologyTest
{
    private static final String USER_MAIN = "io.procmesh.services.user.UserServiceMain";
    private static final String ORDER_MAIN = "io.procmesh.services.order.OrderServiceMain";

    @Test
    void shouldPassEveryServicesBreakerSettingsToEveryChildTheServicesOwnKeysFirst()
    {
        final Topology topology = parse("""
            defaults:
              breaker: {waitMs: 3000, minimumCalls: 20}
            services:
              user:
                mainClass: %s
                breaker: {failureRate: 25, waitMs: 1000}
              order: {mainClass: %s}
            """.formatted(USER_MAIN, ORDER_MAIN));
        final String user = topology.service("order").properties().get("procmesh.breaker.user");
        assertEquals(BreakerSettings.parse("expected", "failureRate=25,waitMs=1000,minimumCalls=20").toText(), user);
        assertEquals(user, topology.service("user").properties().get("procmesh.breaker.user"),
            "every child: any may call user");
        assertEquals(BreakerSettings.parse("expected", "waitMs=3000,minimumCalls=20").toText(),
            topology.service("user").properties().get("procmesh.breaker.order"));

        final Topology plain = parse("""
            services:
              user: {mainClass: %s}
            """.formatted(USER_MAIN));
        assertNull(plain.service("user").properties().get("procmesh.breaker.user"), "core's defaults apply");
    }

    @Test
    void shouldRefuseABadSettingAtItsLineNamingIt()
    {
        assertEquals("t.yaml:4:28: services.user.breaker.failureRate must be between 1 and 100, was 150", error("""
            services:
              user:
                mainClass: %s
                breaker: {failureRate: 150}
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:2:25: defaults.breaker.waitMillis: unknown setting 'waitMillis' (known: enabled, " +
            "failureRate, slowCallRate, slowCallMs, minimumCalls, windowMs, waitMs, halfOpenCalls, retryBudget, " +
            "perOperation)",
            error("""
            defaults:
              breaker: {waitMillis: 5}
            services:
              user: {mainClass: %s}
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:4:29: services.user.breaker.minimumCalls must be a whole number, was 'ten'", error("""
            services:
              user:
                mainClass: %s
                breaker: {minimumCalls: ten}
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:4:24: services.user.breaker.enabled must be true or false, was 'maybe'", error("""
            services:
              user:
                mainClass: %s
                breaker: {enabled: maybe}
            """.formatted(USER_MAIN)));
    }
}
