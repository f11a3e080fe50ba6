package io.procmesh.launcher.cli;

import io.procmesh.core.config.PrivateDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a data directory before anything is started in it, so the operator gets one line instead of a child
 * JVM failing later: created or made private ({@link PrivateDirectory}), and writable.
 */
final class WritableDirectory
{
    private WritableDirectory()
    {
    }

    static void require(final Path directory)
    {
        try
        {
            PrivateDirectory.require(directory);
        }
        catch (final IllegalStateException | UncheckedIOException ex)
        {
            throw new LauncherException(ExitCodes.FAILURE, ex.getMessage(), ex);
        }
        try
        {
            final Path probe = Files.createTempFile(directory, ".write-probe", ".tmp");
            Files.delete(probe);
        }
        catch (final IOException ex)
        {
            throw new LauncherException(ExitCodes.FAILURE, "data dir " + directory + " is not writable: " +
                ex.getClass().getSimpleName() + " " + ex.getMessage(), ex);
        }
    }
}
