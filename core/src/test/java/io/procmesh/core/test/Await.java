package io.procmesh.core.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polling for conditions that another process makes true, with a bound; the failure says what was last seen.
 * The one Await of every module's tests: condition first, then the timeout, then what to say on failure.
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
     * @param lastSeen what the failure reports as last seen, asked only once the timeout has passed.
     */
    public static void until(final BooleanSupplier condition, final Duration timeout, final Supplier<String> lastSeen)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("not true within " + timeout + "; last seen: " + lastSeen.get());
            }
            sleep(POLL_MS);
        }
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
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError(failure + " (within " + timeout + "; last value " + value + ")");
            }
            sleep(POLL_MS);
            value = supplier.get();
        }
        return value;
    }

    /**
     * Sleeps; an interrupt fails the test rather than being lost.
     */
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
