package io.procmesh.core.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data directories for tests under target/, kept after the run so a failure can be inspected.
 */
public final class TestDirectories
{
    private TestDirectories()
    {
    }

    public static Path create(final String name)
    {
        try
        {
            final Path dir = Path.of("target", "test-data", name + "-" + System.nanoTime()).toAbsolutePath();
            Files.createDirectories(dir);
            return dir;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
