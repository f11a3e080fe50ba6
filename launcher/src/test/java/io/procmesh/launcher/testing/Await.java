package io.procmesh.launcher.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition with a hard deadline; the failure message says what was last seen.
 */
public final class Await
{
    private static final long POLL_MS = 50;

    private Await()
    {
    }

    public static void until(final Duration timeout, final BooleanSupplier condition, final Supplier<String> seen)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("not true within " + timeout + "; last seen: " + seen.get());
            }
            sleep(POLL_MS);
        }
    }

    public static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }
}
