package io.procmesh.launcher.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.ConnectOnceMain;
import io.procmesh.core.test.HttpResult;
import io.procmesh.launcher.testing.CliResult;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 checks against a running {@link GatewaySystem}: the topology's {@code metadata:} per instance, and the
 * launcher removing an exited client's registry entry after the grace period while keeping what it supervises.
 */
final class FleetRegistryChecks
{
    /**
     * Long enough to see an exited client's entry in /services before it goes, short enough for a test.
     */
    static final long RECLAIM_GRACE_MS = 5_000;
    static final List<String> LAUNCHER_PROPERTIES =
        List.of("-D" + Configuration.REGISTRY_RECLAIM_GRACE_MS_PROP_NAME + "=" + RECLAIM_GRACE_MS);

    private FleetRegistryChecks()
    {
    }

    /**
     * A user instance carries {@link GatewaySystem#USER_METADATA}; every other one an empty object.
     */
    static void assertMetadata(final JsonNode instance, final String body)
    {
        final JsonNode metadata = instance.get("metadata");
        assertTrue(metadata != null && metadata.isObject(), body);
        if (instance.get("service").asText().equals("user"))
        {
            assertEquals("eu-1", metadata.get("zone").asText(), body);
            assertEquals("primary", metadata.get("role").asText(), body);
            assertEquals(2, metadata.size(), body);
        }
        else
        {
            assertTrue(metadata.isEmpty(), body);
        }
    }

    /**
     * A client JVM connects and exits; its entry shows in /services, then goes once the grace period has passed
     * (the launcher logs the removal), while the supervised instances stay; status --json agrees and shows the
     * user instance's metadata.
     */
    static void exitedClientLeavesAfterGrace(final GatewaySystem system, final long graceMs) throws IOException
    {
        final String clientId;
        try (ChildJvm client = ChildJvm.start(ConnectOnceMain.class,
            system.harness().directory().resolve("connect-once.log"), Duration.ofSeconds(60), List.of(),
            system.harness().dataDir().toString()))
        {
            assertEquals(0, client.waitForExit(Duration.ofSeconds(60)), client.logText());
            clientId = "client-" + client.pid();
        }
        system.http().awaitGet("/services", result -> listed(result, clientId), Duration.ofMillis(graceMs - 1_000));

        final HttpResult gone = system.http().awaitGet("/services", result -> !listed(result, clientId),
            Duration.ofMillis(graceMs + 15_000));
        assertTrue(listed(gone, "user-1") && listed(gone, "order-1") && listed(gone, "gateway-1"), gone.body());
        system.launcher().awaitLogLine("registry: removed " + clientId + " of service client", Duration.ofSeconds(5));

        final CliResult status = system.harness().cli("status", "--json");
        assertEquals(0, status.exitCode(), status.toString());
        boolean sawUser = false;
        for (final JsonNode row : JsonMapper.builder().build().readTree(status.output()).get("instances"))
        {
            assertFalse(row.get("instanceId").asText().equals(clientId), status.output());
            if (row.get("instanceId").asText().equals("user-1"))
            {
                sawUser = true;
                assertEquals("UP", row.get("state").asText(), status.output());
                assertMetadata(row, status.output());
            }
        }
        assertTrue(sawUser, status.output());
    }

    private static boolean listed(final HttpResult services, final String instanceId)
    {
        if (services.status() != 200)
        {
            return false;
        }
        for (final JsonNode instance : services.json().get("instances"))
        {
            if (instance.get("instanceId").asText().equals(instanceId))
            {
                return true;
            }
        }
        return false;
    }
}
