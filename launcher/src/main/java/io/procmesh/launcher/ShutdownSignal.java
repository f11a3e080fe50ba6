package io.procmesh.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Turns SIGTERM and SIGINT into a request the supervising thread sees on its next check, and holds the JVM's
 * exit until that thread has stopped every child ({@link #close()}), up to a time limit. If the limit passes first
 * (the supervising thread is stuck), the last resort runs before the JVM exits, so that no child is left behind.
 * Create it on the supervising thread: a signal also unparks that thread, so it reacts at once.
 */
public final class ShutdownSignal implements AutoCloseable
{
    private final Thread supervisingThread = Thread.currentThread();
    private final CountDownLatch released = new CountDownLatch(1);
    private final long maxWaitMs;
    private final Runnable lastResort;
    private volatile boolean requested;

    /**
     * @param maxWaitMs  how long the exit may be held: enough for a whole stop.
     * @param lastResort run on the signal's thread if the stop has not finished in time: kills every child.
     */
    public ShutdownSignal(final long maxWaitMs, final Runnable lastResort)
    {
        this.maxWaitMs = maxWaitMs;
        this.lastResort = lastResort;
        Runtime.getRuntime().addShutdownHook(new Thread(this::onSignal, "procmesh-shutdown"));
    }

    private void onSignal()
    {
        requested = true;
        LockSupport.unpark(supervisingThread);
        try
        {
            if (!released.await(maxWaitMs, TimeUnit.MILLISECONDS))
            {
                System.err.println("procmesh: stopping took longer than " + maxWaitMs +
                    " ms; killing whatever is left and exiting");
                lastResort.run();
            }
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

    /**
     * Lets the JVM exit: every child has been dealt with.
     */
    @Override
    public void close()
    {
        released.countDown();
    }
}
