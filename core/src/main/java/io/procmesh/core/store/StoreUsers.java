package io.procmesh.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * Who uses a store file now, from the kernel's fcntl locks on a sidecar file ({@code <store>.users}, mode 0600):
 * every open store holds a shared lock on byte 0 for its life, so "no other live user" is an exclusive lock on it
 * that succeeds. The kernel drops a dead process's locks, kill -9 included, so a crashed user never counts.
 * Byte 1 is a gate held exclusively while a store is being opened (and maybe recovered), so that two openers never
 * decide at once. Java refuses overlapping locks inside one JVM, so users in this JVM share one lock and a count.
 */
final class StoreUsers implements AutoCloseable
{
    private static final String SUFFIX = ".users";
    private static final Map<Path, StoreUsers> IN_THIS_JVM = new HashMap<>();
    private final Path sidecar;
    private final FileChannel channel;
    private FileLock shared;
    private int users;

    private StoreUsers(final Path sidecar, final FileChannel channel)
    {
        this.sidecar = sidecar;
        this.channel = channel;
    }

    /**
     * Opens the store through {@code opener} with the gate held, telling it whether it is the only live user (so it
     * may recover a file a dead user left locked), then registers this open as a user.
     */
    static <S> Joined<S> join(final Path storeFile, final Opener<S> opener)
    {
        final Path sidecar = storeFile.resolveSibling(storeFile.getFileName() + SUFFIX).toAbsolutePath();
        synchronized (IN_THIS_JVM)
        {
            final StoreUsers existing = IN_THIS_JVM.get(sidecar);
            if (existing != null)
            {
                // Another open store in this JVM is a live user: never recover under it.
                final S store = existing.openGated(opener, false);
                existing.users++;
                return new Joined<>(store, existing);
            }
            final StoreUsers created = new StoreUsers(sidecar, openSidecar(sidecar));
            try
            {
                final S store = created.openFirstInThisJvm(opener);
                created.users = 1;
                IN_THIS_JVM.put(sidecar, created);
                return new Joined<>(store, created);
            }
            catch (final RuntimeException ex)
            {
                created.closeChannel();
                throw ex;
            }
        }
    }

    private <S> S openFirstInThisJvm(final Opener<S> opener)
    {
        try (FileLock gate = channel.lock(1, 1, false))
        {
            final boolean alone;
            try (FileLock exclusive = channel.tryLock(0, 1, false))
            {
                alone = exclusive != null;
            }
            final S store = opener.open(alone);
            // Taken before the gate opens: the next opener sees this process as a live user.
            shared = channel.lock(0, 1, true);
            return store;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot lock " + sidecar + ": " + ex.getMessage(), ex);
        }
    }

    private <S> S openGated(final Opener<S> opener, final boolean alone)
    {
        try (FileLock gate = channel.lock(1, 1, false))
        {
            return opener.open(alone);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot lock " + sidecar + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Runs {@code check} on a store this JVM has open, with the gate held as for a first open, telling it whether
     * this process is now the file's only live user. This JVM's shared lock is let go for the test, under the gate,
     * so no other opener can decide meanwhile (Java refuses a lock overlapping one this JVM holds).
     */
    <S> S regate(final Opener<S> check)
    {
        synchronized (IN_THIS_JVM)
        {
            try (FileLock gate = channel.lock(1, 1, false))
            {
                boolean alone = false;
                if (users == 1)
                {
                    shared.release();
                    try (FileLock exclusive = channel.tryLock(0, 1, false))
                    {
                        alone = exclusive != null;
                    }
                    finally
                    {
                        shared = channel.lock(0, 1, true);
                    }
                }
                return check.open(alone);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot lock " + sidecar + ": " + ex.getMessage(), ex);
            }
        }
    }

    private static FileChannel openSidecar(final Path sidecar)
    {
        try
        {
            if (!Files.exists(sidecar))
            {
                try
                {
                    Files.createFile(sidecar, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
                }
                catch (final java.nio.file.FileAlreadyExistsException raced)
                {
                    // Another opener created it first: the same file serves both.
                }
            }
            return FileChannel.open(sidecar, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open " + sidecar + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * One store closed: the last user in this JVM releases the shared lock.
     */
    @Override
    public void close()
    {
        synchronized (IN_THIS_JVM)
        {
            if (--users > 0)
            {
                return;
            }
            IN_THIS_JVM.remove(sidecar);
            closeChannel();
        }
    }

    private void closeChannel()
    {
        try
        {
            // Closing the channel releases every lock this JVM holds through it.
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close " + sidecar + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Opens the store file, recovering it only if {@code alone}.
     */
    @FunctionalInterface
    interface Opener<S>
    {
        S open(boolean alone);
    }

    record Joined<S>(S store, StoreUsers users)
    {
    }
}
