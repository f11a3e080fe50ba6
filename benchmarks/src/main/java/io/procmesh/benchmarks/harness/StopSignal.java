package io.procmesh.benchmarks.harness;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM for a partner JVM's duty-cycle loop: the loop polls {@link #isRequested()}, and the JVM's exit waits
 * until the main has closed its queues. The first resource of the main's try-with-resources, so closed last.
 */
public final class StopSignal implements AutoCloseable
{
    private static final long CLOSE_WAIT_MS = 5_000;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean requested;

    public StopSignal()
    {
        Runtime.getRuntime().addShutdownHook(new Thread(this::onSignal, "bench-stop"));
    }

    private void onSignal()
    {
        requested = true;
        try
        {
            closed.await(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRequested()
    {
        return requested;
    }

    @Override
    public void close()
    {
        closed.countDown();
    }
}
