package io.procmesh.launcher.state;

import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherConfiguration;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.LauncherFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One launcher per data directory: an exclusive lock on {@code launcher/launcher.lock}, which the kernel
 * releases if the launcher dies, even by SIGKILL. While held, {@code launcher.pid} names the holder.
 */
public final class LauncherLock implements AutoCloseable
{
    private final LauncherFiles files;
    private final FileChannel channel;
    private final FileLock lock;
    private final Path registration;

    private LauncherLock(final LauncherFiles files, final FileChannel channel, final FileLock lock,
        final Path registration)
    {
        this.files = files;
        this.channel = channel;
        this.lock = lock;
        this.registration = registration;
    }

    /**
     * @throws LauncherException if another launcher holds the lock, or the directory is not writable.
     */
    public static LauncherLock acquire(final LauncherFiles files)
    {
        try
        {
            Files.createDirectories(files.root());
            final FileChannel channel = FileChannel.open(files.lockFile(),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = tryLock(channel);
            if (lock == null)
            {
                channel.close();
                final String holder = RunningLauncher.find(files)
                    .map(handle -> " (pid " + handle.pid() + ")").orElse("");
                throw new LauncherException(ExitCodes.FAILURE, "a launcher is already running for " +
                    files.dataDirectory().root() + holder + "; use 'procmesh status' or 'procmesh down'");
            }
            // Renamed into place, never truncated and rewritten: a `down` reading it meanwhile must not see it empty.
            AtomicFile.write(files.pidFile(),
                RunningLauncher.describe(ProcessHandle.current()).getBytes(StandardCharsets.UTF_8));
            return new LauncherLock(files, channel, lock, register(files));
        }
        catch (final IOException ex)
        {
            throw new LauncherException(ExitCodes.FAILURE, "cannot lock " + files.lockFile() + ": " + ex, ex);
        }
    }

    /**
     * Records this launcher where the verbs look for running launchers. Failing to is a warning, not a reason not
     * to start: the verbs then need {@code --data-dir}, as before.
     */
    private static Path register(final LauncherFiles files)
    {
        try
        {
            return new RunningLaunchers(LauncherConfiguration.runtimeDir()).register(files.dataDirectory().root());
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println("procmesh: warning: cannot record this launcher in " +
                LauncherConfiguration.runtimeDir() + " (" + ex + "); other commands need --data-dir " +
                files.dataDirectory().root());
            return null;
        }
    }

    private static FileLock tryLock(final FileChannel channel) throws IOException
    {
        try
        {
            return channel.tryLock();
        }
        catch (final OverlappingFileLockException ex)
        {
            return null;
        }
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            if (registration != null)
            {
                RunningLaunchers.unregister(registration);
            }
            Files.deleteIfExists(files.pidFile());
        }
        finally
        {
            try
            {
                lock.release();
            }
            finally
            {
                channel.close();
            }
        }
    }
}
