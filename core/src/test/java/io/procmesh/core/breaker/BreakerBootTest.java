package io.procmesh.core.breaker;

import io.procmesh.core.config.BootId;
import io.procmesh.core.test.BreakerStateMain;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A breaker table outlives a reboot, but the monotonic times in it do not mean anything after one: a process of
 * another boot (a child JVM told another boot id) finds every breaker CLOSED, while one of the same boot finds it
 * as it was left.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BreakerBootTest
{
    @Test
    void shouldCloseEveryBreakerOpenedInAnEarlierBoot()
    {
        final Path dir = TestDirectories.create("breaker-boot");
        final Path file = dir.resolve("registry.breakers");
        try (BreakerTable table = BreakerTable.open(file))
        {
            final CircuitBreaker breaker = table.breaker("order->user", BreakerSettings.DEFAULT);
            for (int i = 0; i < 10; i++)
            {
                breaker.onOutcome(breaker.tryAcquire(System.nanoTime()), System.nanoTime(), 1_000, true);
            }
            assertEquals(BreakerState.OPEN, breaker.state());
        }

        assertEquals("STATE OPEN", stateSeenBy(dir, file, List.of()), "the same boot");
        assertEquals("STATE CLOSED", stateSeenBy(dir, file,
            List.of("-D" + BootId.BOOT_ID_PROP_NAME + "=" + UUID.randomUUID())), "another boot");
        try (BreakerTable table = BreakerTable.open(file))
        {
            final BreakerSnapshot kept = table.snapshot(System.nanoTime()).get(0);
            assertEquals(1, kept.openings(), "totals are kept: " + kept);
            assertTrue(kept.calls() == 0 && kept.state() == BreakerState.CLOSED, kept.toString());
        }
    }

    private static String stateSeenBy(final Path dir, final Path file, final List<String> properties)
    {
        try (ChildJvm child = ChildJvm.start(BreakerStateMain.class, dir.resolve("child.log"), Duration.ofMinutes(1),
            properties, file.toString(), "order->user"))
        {
            child.awaitLogLine("STATE", Duration.ofSeconds(60));
            return child.logText().lines().filter(line -> line.startsWith("STATE")).findFirst().orElseThrow();
        }
    }
}
