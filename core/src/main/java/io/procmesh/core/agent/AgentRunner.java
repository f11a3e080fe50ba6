package io.procmesh.core.agent;

import java.util.concurrent.TimeUnit;

/**
 * Runs an {@link Agent} on its own thread until closed, passing each cycle's work count to the idle strategy.
 * Errors from a cycle go to the error handler and the loop goes on.
 */
public final class AgentRunner implements Runnable, AutoCloseable
{
    private final Agent agent;
    private final IdleStrategy idleStrategy;
    private final ErrorHandler errorHandler;
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
            while (running)
            {
                int workCount = 0;
                try
                {
                    workCount = agent.doWork();
                }
                catch (final Throwable error)
                {
                    errorHandler.onError(error);
                }
                idleStrategy.idle(workCount);
            }
        }
        finally
        {
            agent.onClose();
        }
    }

    public boolean isRunning()
    {
        return running && thread.isAlive();
    }

    /**
     * Stops the loop after its current cycle and waits up to the timeout for it.
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
