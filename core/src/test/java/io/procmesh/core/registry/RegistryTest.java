package io.procmesh.core.registry;

import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryTest
{
    private final Path file = TestDirectories.create("registry").resolve("registry.cm");

    @Test
    void shouldKeepEachSlotBoundToItsOwnInstanceAcrossFurtherQueries()
    {
        try (Registry writer = Registry.open(file, 64); Registry reader = Registry.open(file, 64))
        {
            final InstanceSlot first = writer.register(new Registration("s", "s-1", "1", 11, "", ""));
            final InstanceSlot second = writer.register(new Registration("s", "s-2", "1", 12, "", ""));
            first.status(InstanceStatus.UP);
            second.status(InstanceStatus.DRAINING);

            final InstanceSlot readFirst = reader.attach("s-1");
            final InstanceSlot readSecond = reader.attach("s-2");
            reader.snapshot();
            assertNull(reader.attach("s-missing"));

            assertEquals(InstanceStatus.UP, readFirst.status());
            assertEquals(InstanceStatus.DRAINING, readSecond.status());
            assertEquals(11, readFirst.pid());
            assertEquals(12, readSecond.pid());

            first.incrementRequestsIn();
            first.incrementRequestsIn();
            second.incrementErrors();
            assertEquals(2, readFirst.snapshot().requestsIn());
            assertEquals(0, readFirst.snapshot().errors());
            assertEquals(1, readSecond.snapshot().errors());
        }
    }

    @Test
    void shouldKeepCountersAndIndexAcrossReRegistration()
    {
        try (Registry registry = Registry.open(file, 64))
        {
            final InstanceSlot before = registry.register(new Registration("s", "s-1", "1", 11, "", ""));
            before.incrementRequestsIn();
            before.lastHandledIndex(77);
            final InstanceSlot after = registry.register(new Registration("s", "s-1", "2", 11, "", ""));
            final InstanceSnapshot snapshot = after.snapshot();
            assertEquals(1, snapshot.requestsIn());
            assertEquals(77, snapshot.lastHandledIndex());
            assertEquals(2, snapshot.registrations());
            assertEquals("2", snapshot.version());
            assertEquals(InstanceStatus.STARTING, snapshot.status());
        }
    }

    @Test
    void shouldRefuseANewInstanceWhenFullWithAClearError()
    {
        try (Registry registry = Registry.open(file, 3))
        {
            for (int i = 0; i < 3; i++)
            {
                registry.register(new Registration("s", "s-" + i, "1", i, "", ""));
            }
            final RegistryFullException full = assertThrows(RegistryFullException.class,
                () -> registry.register(new Registration("s", "s-3", "1", 3, "", "")));
            assertTrue(full.getMessage().contains("procmesh.registryMaxInstances"), full.getMessage());
            assertEquals(3, registry.snapshot().size());
            registry.register(new Registration("s", "s-1", "1", 1, "", ""));
        }
    }
}
