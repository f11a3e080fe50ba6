package io.procmesh.launcher.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a small file so that a reader, or the file system after a host crash, sees the old content or the new,
 * never an empty or torn file: write a temporary file, fsync it, rename it over the target, fsync the directory.
 * Only one process may write a given file at a time (the launcher holding the lock).
 */
public final class AtomicFile
{
    private AtomicFile()
    {
    }

    public static void write(final Path target, final byte[] content) throws IOException
    {
        write(target, content, new FileAttribute<?>[0]);
    }

    /**
     * As {@link #write(Path, byte[])}, readable and writable by the owner only (0600) from its first byte on: for
     * files that may hold secrets, such as a service's config.
     */
    public static void writePrivate(final Path target, final byte[] content) throws IOException
    {
        write(target, content, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    private static void write(final Path target, final byte[] content, final FileAttribute<?>... attributes)
        throws IOException
    {
        final Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        final Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        // Created afresh, so its permissions are the ones asked for, not a leftover's.
        Files.deleteIfExists(temporary);
        try (FileChannel channel = FileChannel.open(temporary, Set.of(
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes))
        {
            final ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        // The rename itself is only durable once the directory is.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
        {
            dir.force(true);
        }
    }
}
