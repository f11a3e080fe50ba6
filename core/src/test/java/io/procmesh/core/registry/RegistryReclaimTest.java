package io.procmesh.core.registry;

import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: a registry that removes the entries of instances gone for good never fills, however many come and go,
 * and never removes one that may still be in use.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RegistryReclaimTest
{
    private static final int MAX_INSTANCES = 32;
    private static final int CYCLES = 10_000;
    private static long deadPid;
    private final Path file = TestDirectories.create("registry-reclaim").resolve("registry.cm");

    /**
     * A pid that was a process and no longer is: a reaped child.
     */
    @BeforeAll
    static void reapAChild() throws IOException, InterruptedException
    {
        final Process child = new ProcessBuilder("true").start();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        deadPid = child.pid();
        assertFalse(ProcessHandle.of(deadPid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void shouldNeverFillWhenTheLauncherStyleReclaimRuns()
    {
        try (Registry registry = Registry.open(file, MAX_INSTANCES, TimeUnit.HOURS.toMillis(1)))
        {
            long removed = 0;
            for (int cycle = 0; cycle < CYCLES; cycle++)
            {
                final InstanceSlot slot = registry.register(
                    new Registration("client", "client-" + cycle, "1", deadPid, "", ""));
                exited(slot);
                if (cycle % 8 == 7)
                {
                    removed += registry.reclaim(0, entry -> false).size();
                }
            }
            assertTrue(registry.size() <= MAX_INSTANCES, "size " + registry.size());
            assertTrue(removed >= CYCLES - MAX_INSTANCES, "removed " + removed);
            assertEquals(removed, registry.removals());
        }
    }

    @Test
    void shouldNeverFillWhenOnlyRegistrationReclaims()
    {
        try (Registry registry = Registry.open(file, MAX_INSTANCES, 0))
        {
            for (int cycle = 0; cycle < CYCLES; cycle++)
            {
                exited(registry.register(new Registration("client", "client-" + cycle, "1", deadPid, "", "")));
            }
            assertTrue(registry.size() <= MAX_INSTANCES, "size " + registry.size());
            assertTrue(registry.removals() >= CYCLES - MAX_INSTANCES, "removals " + registry.removals());
        }
    }

    @Test
    void shouldStillRefuseWhenNoEntryIsPastItsGracePeriod()
    {
        try (Registry registry = Registry.open(file, MAX_INSTANCES, TimeUnit.HOURS.toMillis(1)))
        {
            for (int i = 0; i < MAX_INSTANCES; i++)
            {
                registry.register(new Registration("client", "client-" + i, "1", deadPid, "", ""));
            }
            assertThrows(RegistryFullException.class,
                () -> registry.register(new Registration("client", "client-late", "1", deadPid, "", "")));
            assertEquals(0, registry.removals());
        }
    }

    @Test
    void shouldKeepLiveInstancesInstancesWithinGraceAndInstancesTheCallerKeeps()
    {
        try (Registry registry = Registry.open(file, MAX_INSTANCES, 0))
        {
            final long ownPid = ProcessHandle.current().pid();
            final InstanceSlot live = registry.register(new Registration("s", "live", "1", ownPid, "", ""));
            live.status(InstanceStatus.UP);
            // A live process that stopped heartbeating long ago (stopped, or wedged) still maps its slot.
            final InstanceSlot liveButStale = registry.register(new Registration("s", "stale", "1", ownPid, "", ""));
            liveButStale.heartbeat(System.nanoTime() - TimeUnit.HOURS.toNanos(1));
            final InstanceSlot withinGrace = registry.register(new Registration("s", "recent", "1", deadPid, "", ""));
            withinGrace.heartbeat(System.nanoTime() - TimeUnit.SECONDS.toNanos(5));
            exited(registry.register(new Registration("s", "kept", "1", deadPid, "", "")));
            exited(registry.register(new Registration("s", "gone", "1", deadPid, "", "")));

            final List<InstanceSnapshot> removed =
                registry.reclaim(TimeUnit.SECONDS.toMillis(60), entry -> entry.instanceId().equals("kept"));

            assertEquals(List.of("gone"), removed.stream().map(InstanceSnapshot::instanceId).toList());
            assertNull(registry.attach("gone"));
            for (final String kept : List.of("live", "stale", "recent", "kept"))
            {
                assertNotNull(registry.attach(kept), kept + " was removed");
            }
            assertEquals(1, registry.removals());
        }
    }

    @Test
    void shouldMoveTheGenerationAndRemovalCountOnRemoval()
    {
        try (Registry registry = Registry.open(file, MAX_INSTANCES, 0);
            Registry other = Registry.open(file, MAX_INSTANCES, 0))
        {
            exited(registry.register(new Registration("s", "gone", "1", deadPid, "", "")));
            final long generation = other.generation();
            final long removals = other.removals();
            assertEquals(1, registry.reclaim(0, entry -> false).size());
            assertEquals(removals + 1, other.removals(), "another process sees the removal count move");
            assertTrue(other.generation() > generation);
        }
    }

    /**
     * The process stopped heartbeating a minute ago, as an exited one has.
     */
    private static void exited(final InstanceSlot slot)
    {
        slot.heartbeat(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));
    }
}
