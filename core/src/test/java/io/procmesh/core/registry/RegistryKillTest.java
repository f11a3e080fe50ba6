package io.procmesh.core.registry;

import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.SlotHammerMain;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RegistryKillTest
{
    private static final int KILLS = 20;

    @Test
    void shouldStayUsableAfterWritersAreKilledMidUpdate() throws Exception
    {
        final Path dir = TestDirectories.create("registry-kill");
        final Path file = dir.resolve("registry.cm");
        final Random random = new Random(11);
        try (Registry registry = Registry.open(file, 64))
        {
            for (int round = 0; round < KILLS; round++)
            {
                try (ChildJvm hammer = ChildJvm.start(SlotHammerMain.class, dir.resolve("hammer.log"),
                    Duration.ofMinutes(1), List.of(), file.toString(), "hammer-1"))
                {
                    hammer.awaitLogLine("READY hammer-1", Duration.ofSeconds(60));
                    final InstanceSlot watched = registry.attach("hammer-1");
                    final long before = watched.snapshot().requestsIn();
                    Thread.sleep(20 + random.nextInt(80));
                    assertTrue(watched.snapshot().requestsIn() > before, "round " + round + ": the child was not hammering");
                    hammer.kill9();
                }

                final long start = System.nanoTime();
                final List<InstanceSnapshot> all = registry.snapshot();
                final InstanceSlot probe = registry.register(
                    new Registration("probe", "probe-" + round, "1", ProcessHandle.current().pid(), "", ""));
                probe.status(InstanceStatus.UP);
                final long elapsedMs = (System.nanoTime() - start) / 1_000_000;

                assertTrue(elapsedMs < 1_000, "round " + round + ": registry took " + elapsedMs + " ms");
                assertTrue(all.stream().anyMatch(s -> s.instanceId().equals("hammer-1")));
                assertEquals(InstanceStatus.UP, registry.attach("probe-" + round).status());
            }
        }
    }
}
