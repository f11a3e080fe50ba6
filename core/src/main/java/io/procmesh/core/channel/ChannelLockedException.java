package io.procmesh.core.channel;

import io.procmesh.core.config.Configuration;

import java.nio.file.Path;

/**
 * An append waited {@code procmesh.queueLockTimeoutMs} for the queue's write lock and its holder is still alive:
 * paused (SIGSTOP, a debugger, a long stall) rather than dead. The lock is left alone, since forcing it would let
 * two writers interleave one message, and this one send fails instead.
 */
public final class ChannelLockedException extends IllegalStateException
{
    public ChannelLockedException(final Path queue, final Throwable cause)
    {
        super("cannot append to queue " + queue + ": its write lock is held by a live process that did not release " +
            "it within " + Configuration.queueLockTimeoutMs() + " ms (" +
            Configuration.QUEUE_LOCK_TIMEOUT_MS_PROP_NAME + "); the lock is only forced when its holder is dead",
            cause);
    }
}
