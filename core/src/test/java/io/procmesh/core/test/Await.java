package io.procmesh.core.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polling for conditions that another process makes true, with a bound.
 */
public final class Await
{
    private static final long POLL_MS = 20;

    private Await()
    {
    }

    public static void until(final BooleanSupplier condition, final Duration timeout, final String failure)
    {
        value(condition::getAsBoolean, done -> done, timeout, failure);
    }

    /**
     * @return the first value the supplier gives that passes the test.
     */
    public static <T> T value(
        final Supplier<T> supplier,
        final Predicate<T> done,
        final Duration timeout,
        final String failure)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        T value = supplier.get();
        while (!done.test(value))
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError(failure + " (within " + timeout + "; last value " + value + ")");
            }
            try
            {
                Thread.sleep(POLL_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
            value = supplier.get();
        }
        return value;
    }
}
