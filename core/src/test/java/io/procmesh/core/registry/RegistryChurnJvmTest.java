package io.procmesh.core.registry;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.ConnectOnceMain;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, across processes: client JVMs that connect and exit, more of them than the registry holds, all connect,
 * because a registration that finds the registry full removes the entries of clients gone past the grace period.
 * No launcher runs.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RegistryChurnJvmTest
{
    private static final int MAX_INSTANCES = 4;
    private static final int CLIENTS = 2 * MAX_INSTANCES;
    private static final long GRACE_MS = 100;

    @Test
    void shouldConnectMoreClientsThanTheRegistryHoldsWhenEachExitsFirst()
    {
        final Path dataDir = TestDirectories.create("registry-churn");
        final DataDirectory dirs = new DataDirectory(dataDir);
        final List<String> properties = List.of(
            "-D" + Configuration.REGISTRY_MAX_INSTANCES_PROP_NAME + "=" + MAX_INSTANCES,
            "-D" + Configuration.REGISTRY_RECLAIM_GRACE_MS_PROP_NAME + "=" + GRACE_MS,
            "-D" + Configuration.METADATA_PROP_NAME + "={\"zone\":\"eu-1\"}");
        try (Registry registry = Registry.open(dirs.registryFile(), MAX_INSTANCES, TimeUnit.HOURS.toMillis(1)))
        {
            for (int i = 0; i < CLIENTS; i++)
            {
                try (ChildJvm client = ChildJvm.start(ConnectOnceMain.class, dataDir.resolve("client-" + i + ".log"),
                    Duration.ofSeconds(60), properties, dataDir.toString()))
                {
                    assertEquals(0, client.waitForExit(Duration.ofSeconds(60)), client.logText());
                    assertTrue(client.logText().contains("CONNECTED client-" + client.pid() + " {\"zone\":\"eu-1\"}"),
                        client.logText());
                    final InstanceSlot slot = registry.attach("client-" + client.pid());
                    if (slot != null)
                    {
                        assertEquals("{\"zone\":\"eu-1\"}", slot.snapshot().metadata());
                    }
                }
            }
            assertTrue(registry.size() <= MAX_INSTANCES, "size " + registry.size());
            assertTrue(registry.removals() >= CLIENTS - MAX_INSTANCES, "removals " + registry.removals());
            assertTrue(registry.snapshot().stream().anyMatch(entry -> entry.instanceId().startsWith("client-")));
        }
    }
}
