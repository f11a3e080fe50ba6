package io.procmesh.core.registry;

import net.openhft.chronicle.bytes.MappedBytes;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A counter beside the registry file, bumped whenever an instance registers, advertises its inbox or is removed.
 * Readers check it lock-free and scan the map (which takes segment locks) only when it moved: a process killed
 * inside a scan leaves a segment lock held and wedges the map for every writer, so scans must be rare.
 */
final class RegistryGeneration implements AutoCloseable
{
    private static final long OFFSET = 0;
    private final MappedBytes bytes;

    private RegistryGeneration(final MappedBytes bytes)
    {
        this.bytes = bytes;
    }

    static RegistryGeneration open(final Path file)
    {
        try
        {
            final MappedBytes bytes = MappedBytes.mappedBytes(file.toFile(), 4096);
            bytes.singleThreadedCheckDisabled(true);
            return new RegistryGeneration(bytes);
        }
        catch (final FileNotFoundException ex)
        {
            throw new UncheckedIOException("cannot open " + file + ": " + ex.getMessage(), ex);
        }
    }

    long current()
    {
        return bytes.readVolatileLong(OFFSET);
    }

    void bump()
    {
        bytes.addAndGetLong(OFFSET, 1);
    }

    @Override
    public void close()
    {
        bytes.releaseLast();
    }
}
