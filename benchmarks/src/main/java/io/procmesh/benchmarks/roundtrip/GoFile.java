package io.procmesh.benchmarks.roundtrip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The suite's signal to a waiting requester JVM: a file, written atomically once the partner serves, holding the
 * target to connect to (a data directory or a URL).
 */
final class GoFile
{
    private static final long POLL_MS = 10;

    private GoFile()
    {
    }

    static void write(final Path file, final String target)
    {
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try
        {
            Files.writeString(temporary, target, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    static String await(final Path file, final long timeoutMs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!Files.exists(file))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("no go file " + file + " within " + timeoutMs + " ms");
            }
            Thread.sleep(POLL_MS);
        }
        try
        {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }
}
