package io.procmesh.core.breaker;

import io.procmesh.core.test.BreakerHammerMain;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two JVMs update one breaker as fast as they can and are killed with SIGKILL mid-update, 20 times; after each
 * kill the breaker must still work for this process: it opens on failures and closes through its trial calls, with
 * its counters moving, as on a fresh table. Nothing in the table is a lock, so nothing can be left held.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BreakerKillTest
{
    private static final int KILLS = 20;
    private static final String SETTINGS = "minimumCalls=10,failureRate=50,windowMs=100,waitMs=50,halfOpenCalls=2";

    @Test
    void shouldStayUsableAfterUpdatersAreKilledMidUpdate() throws Exception
    {
        final Path dir = TestDirectories.create("breaker-kill");
        final Path file = dir.resolve("registry.breakers");
        final Random random = new Random(13);
        final BreakerSettings settings = BreakerSettings.parse("test", SETTINGS);
        try (BreakerTable table = BreakerTable.open(file))
        {
            final CircuitBreaker breaker = table.breaker("order->user", settings);
            for (int round = 0; round < KILLS; round++)
            {
                final long transitionsBefore = snapshot(table).transitions();
                final List<ChildJvm> hammers = new ArrayList<>();
                try
                {
                    for (int i = 0; i < 2; i++)
                    {
                        hammers.add(ChildJvm.start(BreakerHammerMain.class, dir.resolve("hammer-" + i + ".log"),
                            Duration.ofMinutes(1), List.of(), file.toString(), "order->user", SETTINGS));
                    }
                    for (final ChildJvm hammer : hammers)
                    {
                        hammer.awaitLogLine("READY", Duration.ofSeconds(60));
                    }
                    Thread.sleep(50 + random.nextInt(100));
                    assertTrue(snapshot(table).transitions() > transitionsBefore,
                        "round " + round + ": the children were not driving the breaker");
                    for (final ChildJvm hammer : hammers)
                    {
                        hammer.kill9();
                    }
                }
                finally
                {
                    for (final ChildJvm hammer : hammers)
                    {
                        hammer.close();
                    }
                }
                openThenClose(breaker, table, round);
            }
        }
    }

    /**
     * From whatever state the kills left: this process's failures open it, it refuses, and after the wait two
     * successful trials close it.
     */
    private static void openThenClose(final CircuitBreaker breaker, final BreakerTable table, final int round)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean opened = false;
        while (!opened)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "round " + round + ": never opened: " + snapshot(table));
            final long permit = breaker.tryAcquire(System.nanoTime());
            if (permit == CircuitBreaker.REFUSED)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            else
            {
                opened = breaker.onOutcome(permit, System.nanoTime(), 1_000, true);
            }
        }
        final long notPermitted = snapshot(table).notPermitted();
        assertEquals(CircuitBreaker.REFUSED, breaker.tryAcquire(System.nanoTime()), "round " + round);
        assertEquals(notPermitted + 1, snapshot(table).notPermitted());
        while (breaker.state() != BreakerState.CLOSED)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "round " + round + ": never closed: " + snapshot(table));
            final long permit = breaker.tryAcquire(System.nanoTime());
            if (permit == CircuitBreaker.REFUSED)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            else
            {
                breaker.onOutcome(permit, System.nanoTime(), 1_000, false);
            }
        }
    }

    private static BreakerSnapshot snapshot(final BreakerTable table)
    {
        final List<BreakerSnapshot> all = table.snapshot(System.nanoTime());
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }
}
