package io.procmesh.core.service;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Blocks a main thread until SIGTERM or SIGINT, then holds the JVM's exit until main has closed its resources.
 * Use it as the first resource of a try-with-resources block, so it is closed last.
 */
public final class ShutdownBarrier implements AutoCloseable
{
    private final CountDownLatch signalled = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final long closeTimeoutMs;

    public ShutdownBarrier(final long closeTimeoutMs)
    {
        this.closeTimeoutMs = closeTimeoutMs;
        Runtime.getRuntime().addShutdownHook(new Thread(this::onSignal, "procmesh-shutdown"));
    }

    private void onSignal()
    {
        signalled.countDown();
        try
        {
            closed.await(closeTimeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    public void await() throws InterruptedException
    {
        signalled.await();
    }

    /**
     * Lets the JVM exit without a signal, e.g. from a test.
     */
    public void signal()
    {
        signalled.countDown();
    }

    @Override
    public void close()
    {
        closed.countDown();
    }
}
