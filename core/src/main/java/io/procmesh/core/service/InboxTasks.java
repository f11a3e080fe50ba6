package io.procmesh.core.service;

import io.procmesh.core.agent.ErrorHandler;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Work handed to a service's read loop from other threads: the replies of async handlers and the continuations of
 * async calls made by handlers. Any thread may {@link #execute}; the loop runs the tasks in order in its duty
 * cycle, so the reply queues, the reply envelope and the service's state are touched by that one thread.
 * <p>
 * The queue is unbounded as a structure but bounded in use: the read loop takes no new request while
 * {@code procmesh.maxAsyncReplies} replies are owed, and each outstanding call or reply adds at most one task.
 * After {@link #close()}, tasks are dropped and counted ({@link #dropped()}): the loop that would run them has
 * stopped, and their callers time out.
 */
final class InboxTasks implements Executor
{
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ErrorHandler errorHandler;
    private final AtomicLong dropped = new AtomicLong();
    private volatile Thread loopThread;
    private volatile boolean closed;

    InboxTasks(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
    }

    /**
     * Called on the loop's thread as it starts: that thread is woken when a task arrives.
     */
    void bind(final Thread thread)
    {
        this.loopThread = thread;
    }

    @Override
    public void execute(final Runnable task)
    {
        if (closed)
        {
            dropped.incrementAndGet();
            return;
        }
        tasks.offer(task);
        final Thread thread = loopThread;
        if (thread != null && thread != Thread.currentThread())
        {
            // An idle loop parks up to a millisecond: the completion should not wait for it.
            LockSupport.unpark(thread);
        }
    }

    /**
     * Runs up to {@code limit} tasks on the loop's thread; a task's error goes to the error handler.
     *
     * @return how many ran.
     */
    int drain(final int limit)
    {
        int ran = 0;
        Runnable task;
        while (ran < limit && (task = tasks.poll()) != null)
        {
            ran++;
            try
            {
                task.run();
            }
            catch (final RuntimeException | Error ex)
            {
                errorHandler.onError(ex);
            }
        }
        return ran;
    }

    /**
     * Drops the tasks still queued and every later one; called once the loop has stopped.
     */
    void close()
    {
        closed = true;
        while (tasks.poll() != null)
        {
            dropped.incrementAndGet();
        }
    }

    long dropped()
    {
        return dropped.get();
    }
}
