package io.procmesh.core.service;

import java.time.Duration;
import java.util.function.BooleanSupplier;

final class CrossProcessAwait
{
    private CrossProcessAwait()
    {
    }

    static void until(final BooleanSupplier condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("condition not met within " + timeout);
            }
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }
}
