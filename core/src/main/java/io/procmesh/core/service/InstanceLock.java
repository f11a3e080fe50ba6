package io.procmesh.core.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The exclusive fcntl lock on an instance's lock file ({@code locks/<instance>.lock}, mode 0600), held by the
 * process serving the instance id for its whole life. The kernel releases it the moment that process dies, kill -9
 * included, and wakes a hot standby blocked on it: that is how a standby learns of its primary's death without
 * polling.
 */
final class InstanceLock implements AutoCloseable
{
    private static final long RETRY_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * For a primary: takes the lock, waiting up to {@code waitMs} for a predecessor that is exiting.
     *
     * @throws ServiceSetupException if another live process (a primary or a promoted standby) still holds it.
     */
    static InstanceLock take(final Path file, final String instanceId, final long waitMs)
    {
        final FileChannel channel = open(file);
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        try
        {
            while (true)
            {
                final FileLock lock = channel.tryLock();
                if (lock != null)
                {
                    return new InstanceLock(channel, lock);
                }
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new ServiceSetupException("instance '" + instanceId + "' is served by another live " +
                        "process (it holds " + file + ")");
                }
                LockSupport.parkNanos(RETRY_NS);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(channel, ex);
            throw ex instanceof IOException io ? new UncheckedIOException("cannot lock " + file, io) :
                (RuntimeException)ex;
        }
    }

    /**
     * For a standby: blocks until the lock is free, i.e. until the process holding it died or stopped.
     */
    static InstanceLock await(final Path file)
    {
        final FileChannel channel = open(file);
        try
        {
            return new InstanceLock(channel, channel.lock());
        }
        catch (final IOException | RuntimeException ex)
        {
            closeQuietly(channel, ex);
            throw ex instanceof IOException io ? new UncheckedIOException("cannot lock " + file, io) :
                (RuntimeException)ex;
        }
    }

    private static FileChannel open(final Path file)
    {
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file))
            {
                try
                {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
                }
                catch (final java.nio.file.FileAlreadyExistsException raced)
                {
                    // The primary and its standby start together: either one's file serves both.
                }
            }
            return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open instance lock " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static void closeQuietly(final FileChannel channel, final Exception cause)
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            cause.addSuppressed(ex);
        }
    }

    /**
     * Released last, after the process stopped serving: a standby then takes over an instance that no longer reads.
     */
    @Override
    public void close() throws IOException
    {
        lock.release();
        channel.close();
    }
}
