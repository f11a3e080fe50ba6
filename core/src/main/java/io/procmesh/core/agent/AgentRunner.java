package io.procmesh.core.agent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs an {@link Agent} on its own thread until closed: {@link Agent#onStart} once, then duty cycles, passing each
 * cycle's work count to the idle strategy, then {@link Agent#onClose}. Errors from a cycle are counted
 * ({@link #errorCount}), go to the error handler, and the loop goes on, as in Agrona.
 */
public final class AgentRunner implements Runnable, AutoCloseable
{
    private final Agent agent;
    private final IdleStrategy idleStrategy;
    private final ErrorHandler errorHandler;
    private final AtomicLong errorCount = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public AgentRunner(final Agent agent, final IdleStrategy idleStrategy, final ErrorHandler errorHandler)
    {
        this.agent = agent;
        this.idleStrategy = idleStrategy;
        this.errorHandler = errorHandler;
        this.thread = new Thread(this, agent.roleName());
        this.thread.setDaemon(true);
    }

    public AgentRunner start()
    {
        thread.start();
        return this;
    }

    @Override
    public void run()
    {
        try
        {
            if (startAgent())
            {
                while (running)
                {
                    int workCount = 0;
                    try
                    {
                        workCount = agent.doWork();
                    }
                    catch (final Throwable error)
                    {
                        onError(error);
                    }
                    idleStrategy.idle(workCount);
                }
            }
        }
        finally
        {
            agent.onClose();
        }
    }

    private boolean startAgent()
    {
        try
        {
            agent.onStart();
            return true;
        }
        catch (final Throwable error)
        {
            onError(error);
            running = false;
            return false;
        }
    }

    private void onError(final Throwable error)
    {
        errorCount.incrementAndGet();
        errorHandler.onError(error);
    }

    /**
     * @return how many errors the agent has thrown so far, from {@link Agent#onStart} and its duty cycles.
     */
    public long errorCount()
    {
        return errorCount.get();
    }

    public boolean isRunning()
    {
        return running && thread.isAlive();
    }

    /**
     * Stops the loop after its current cycle and waits up to the timeout for it. An idle agent parked by its idle
     * strategy is woken, so a long park does not delay the stop.
     *
     * @return true if the thread ended in time.
     */
    public boolean stop(final long timeout, final TimeUnit unit)
    {
        running = false;
        if (Thread.currentThread() == thread || !thread.isAlive())
        {
            return true;
        }
        LockSupport.unpark(thread);
        try
        {
            thread.join(Math.max(1, unit.toMillis(timeout)));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    @Override
    public void close()
    {
        if (!stop(5, TimeUnit.SECONDS))
        {
            errorHandler.onError(new IllegalStateException(agent.roleName() + " did not stop within 5 s"));
        }
    }
}
