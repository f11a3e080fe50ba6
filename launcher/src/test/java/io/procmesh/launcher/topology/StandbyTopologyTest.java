package io.procmesh.launcher.topology;

import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoService;
import org.junit.jupiter.api.Test;

import static io.procmesh.launcher.topology.TopologyText.error;
import static io.procmesh.launcher.topology.TopologyText.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: {@code standby:} is a boolean, false by default, and only an {@code implementation:} service (run by
 * ServiceMain, which knows how to wait and take over) may have one; a mistake stops the load at its line.
 */
class StandbyTopologyTest
{
    private static final String USER_MAIN = "io.procmesh.services.user.UserServiceMain";

    @Test
    void shouldKeepAStandbyOnlyWhereAnImplementationServiceAsksForOne()
    {
        final Topology topology = parse("""
            services:
              echo:
                api: %s
                implementation: %s
                standby: true
              plain:
                api: %s
                implementation: %s
                standby: false
              user:
                mainClass: %s
            """.formatted(EchoApi.class.getName(), EchoService.class.getName(), EchoApi.class.getName(),
            EchoService.class.getName(), USER_MAIN));

        assertTrue(topology.service("echo").standby());
        assertFalse(topology.service("plain").standby());
        assertFalse(topology.service("user").standby());
    }

    @Test
    void shouldRefuseAStandbyOnAMainClassServiceAtItsLine()
    {
        assertEquals("t.yaml:4:14: services.user.standby needs implementation: a mainClass service does not run " +
            "ServiceMain, which is what waits and takes over", error("""
            services:
              user:
                mainClass: %s
                standby: true
            """.formatted(USER_MAIN)));
    }

    @Test
    void shouldRefuseAStandbyThatIsNoBooleanAtItsLine()
    {
        final String message = error("""
            services:
              user:
                mainClass: %s
                standby: maybe
            """.formatted(USER_MAIN));
        assertTrue(message.startsWith("t.yaml:4:14: "), message);
        assertTrue(message.contains("standby"), message);
    }
}
