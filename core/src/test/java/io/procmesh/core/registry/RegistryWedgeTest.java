package io.procmesh.core.registry;

import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process killed while it holds a registry segment lock, a write lock from a registration or a read lock from a
 * scan, wedges the map for writers; the probe sees it and recovery, with every user stopped, brings it back with
 * its data.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RegistryWedgeTest
{
    @ParameterizedTest
    @ValueSource(strings = {"write", "read"})
    void shouldDetectAWedgedRegistryAndRecoverItWithItsData(final String lockHeld)
    {
        final Path dir = TestDirectories.create("wedge");
        final Path file = dir.resolve("registry.cm");
        try (Registry registry = Registry.open(file, 64))
        {
            for (int i = 0; i < 10; i++)
            {
                registry.register(new Registration("s", "s-" + i, "1", i, "", "")).status(InstanceStatus.UP);
            }
            assertTrue(registry.isResponsive(2_000));
        }

        try (ChildJvm holder = ChildJvm.start(SegmentLockHolderMain.class, dir.resolve("holder.log"),
            Duration.ofMinutes(1), List.of(), file.toString(), "s-3", lockHeld))
        {
            holder.awaitLogLine("LOCKED s-3", Duration.ofSeconds(60));
            holder.kill9();
        }

        final long start = System.nanoTime();
        try (Registry wedged = Registry.open(file, 64))
        {
            assertFalse(wedged.isResponsive(1_000), "a segment lock held by a dead process went unnoticed");
            if ("write".equals(lockHeld))
            {
                final RegistryWedgedException refused =
                    assertThrows(RegistryWedgedException.class, () -> wedged.attach("s-3"), "attach must not block");
                assertTrue(refused.getMessage().contains("'s-3'"), refused.getMessage());
            }
        }
        System.out.println("wedge detected in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        try (Registry recovered = Registry.recover(file, 64))
        {
            final long recoveryMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(recovered.isResponsive(2_000));
            assertEquals(10, recovered.snapshot().size());
            assertEquals(InstanceStatus.UP, recovered.attach("s-3").status());
            recovered.register(new Registration("s", "s-new", "1", 99, "", ""));
            System.out.println("detected and recovered in " + recoveryMs + " ms");
            assertTrue(recoveryMs < 10_000, "recovery took " + recoveryMs + " ms");
        }
    }
}
