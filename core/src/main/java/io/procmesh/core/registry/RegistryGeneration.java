package io.procmesh.core.registry;

import net.openhft.chronicle.bytes.MappedBytes;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Two counters beside the registry file. The generation is bumped whenever an instance registers, advertises its
 * inbox or is removed: readers check it lock-free and scan the map (which takes segment locks) only when it moved,
 * since a process killed inside a scan leaves a segment lock held and wedges the map for every writer. The removal
 * count is bumped only by a removal, under the entry's write lock and before its memory is freed: a removal is the
 * one event that can make a cached {@link InstanceSlot} point at memory another entry may take, so a holder of
 * slots reads it before using them (one volatile read) without rescanning on every registration.
 */
final class RegistryGeneration implements AutoCloseable
{
    private static final long OFFSET = 0;
    private static final long REMOVALS_OFFSET = 8;
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

    long removals()
    {
        return bytes.readVolatileLong(REMOVALS_OFFSET);
    }

    /**
     * Counts a removal, then moves the generation so that scanners look again.
     */
    void bumpRemovals()
    {
        bytes.addAndGetLong(REMOVALS_OFFSET, 1);
        bytes.addAndGetLong(OFFSET, 1);
    }

    @Override
    public void close()
    {
        bytes.releaseLast();
    }
}
