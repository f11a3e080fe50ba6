package io.procmesh.core;

import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A default per-process instance id leaves no reply queue behind (issue 9, item 10).
 */
class EphemeralInstanceTest
{
    private final Path dataDir = TestDirectories.create("ephemeral");

    @Test
    void shouldDeleteTheReplyQueueOfADefaultInstanceIdOnClose()
    {
        final String instanceId;
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).serviceName("tool")))
        {
            instanceId = mesh.context().instanceId();
            assertEquals("tool-" + ProcessHandle.current().pid(), instanceId);
            assertTrue(Files.isDirectory(dataDir.resolve("replies").resolve(instanceId)));
        }
        assertFalse(Files.exists(dataDir.resolve("replies").resolve(instanceId)), "the reply queue was left behind");

        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("caller-1")))
        {
            // The entry stays DOWN until its grace period after exit has passed (procmesh.registry.reclaimGraceMs).
            assertEquals(InstanceStatus.DOWN, mesh.registry().attach(instanceId).status());
        }
        assertTrue(Files.isDirectory(dataDir.resolve("replies").resolve("caller-1")), "a named id keeps its queue");
    }
}
