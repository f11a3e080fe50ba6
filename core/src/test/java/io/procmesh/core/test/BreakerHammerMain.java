package io.procmesh.core.test;

import io.procmesh.core.breaker.BreakerSettings;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.core.breaker.CircuitBreaker;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Child JVM main: drives one shared breaker through every state as fast as it can until killed: streaks of failing
 * calls and of successful ones, trial calls, retries. Args: tableFile breakerName settings.
 */
public final class BreakerHammerMain
{
    public static void main(final String[] args)
    {
        final BreakerTable table = BreakerTable.open(Path.of(args[0]));
        final CircuitBreaker breaker = table.breaker(args[1], BreakerSettings.parse("hammer", args[2]));
        System.out.println("READY " + ProcessHandle.current().pid());
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        long calls = 0;
        while (true)
        {
            final long nowNs = System.nanoTime();
            final long permit = breaker.tryAcquire(nowNs);
            if (permit != CircuitBreaker.REFUSED)
            {
                // Streaks of failures then of successes: opened, then closed again by the trial calls.
                breaker.onOutcome(permit, System.nanoTime(), 1_000, (calls++ / 200 & 1) == 0);
            }
            if (random.nextInt(16) == 0)
            {
                breaker.tryRetry(nowNs);
            }
        }
    }
}
