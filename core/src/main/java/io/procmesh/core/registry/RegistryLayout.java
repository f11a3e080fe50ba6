package io.procmesh.core.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The layout version of {@link InstanceRecord} that a registry file was made with, kept beside it in
 * {@code registry.cm.layout}. Chronicle Map reuses a persisted file's entry size whatever the value interface says
 * now, so a record that grew would read and write past its entry. A file made with another layout is refused.
 * <p>
 * Version 1 (no layout file): before the boot id. Version 2: {@code bootId} added (issue 9). Version 3:
 * {@code outstanding} added (issue 12, load balancing). Version 4: {@code standbyPid} added (issue 12, hot standby).
 * Version 5: {@code heartbeatIntervals} added (issue 13, adaptive failure detection).
 */
final class RegistryLayout
{
    static final int VERSION = 5;
    private static final String SUFFIX = ".layout";

    private RegistryLayout()
    {
    }

    /**
     * Called before the registry file is opened or created. The layout file is written before a new registry file
     * exists, so a registry file without one was made by a version that did not write it.
     *
     * @throws IllegalStateException naming the file and what to do, if it was made with another layout.
     */
    static void check(final Path registryFile)
    {
        final Path layoutFile = registryFile.resolveSibling(registryFile.getFileName() + SUFFIX);
        try
        {
            if (!Files.exists(registryFile))
            {
                // Replaced atomically: a process starting beside this one reads the old file or the new one, never
                // a truncated one.
                final Path directory = layoutFile.toAbsolutePath().getParent();
                Files.createDirectories(directory);
                final Path temporary = Files.createTempFile(directory, layoutFile.getFileName().toString(), ".tmp");
                Files.writeString(temporary, VERSION + "\n", StandardCharsets.US_ASCII);
                Files.move(temporary, layoutFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            final int found = Files.exists(layoutFile) ?
                Integer.parseInt(Files.readString(layoutFile, StandardCharsets.US_ASCII).trim()) : 1;
            if (found != VERSION)
            {
                throw new IllegalStateException("registry " + registryFile + " has record layout " + found +
                    ", this version needs " + VERSION + ": stop every procmesh process of this data directory and " +
                    "delete " + registryFile.getFileName() + " (instances register again; inbox marks are kept " +
                    "beside the queues)");
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            throw new UncheckedIOException("cannot check the layout of registry " + registryFile + ": " + ex,
                ex instanceof IOException io ? io : new IOException(ex));
        }
    }
}
