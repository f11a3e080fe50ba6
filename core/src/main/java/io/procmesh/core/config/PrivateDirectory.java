package io.procmesh.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Makes a data directory private to the user who runs procmesh: created 0700, and an existing one tightened to 0700
 * if it is this user's. Everything procmesh keeps lives under it (the registry, queues with every message, stores,
 * logs), and a 0700 directory keeps other local users out of all of it whatever the modes of the files inside,
 * which Chronicle creates with the process's umask.
 * <p>
 * Refused, with one line, rather than used: a directory another user owns (it could read or change everything, or
 * swap the files), and one its group or others may write (anyone could replace what is inside, even if it is then
 * tightened).
 */
public final class PrivateDirectory
{
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS_WRITE =
        EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private PrivateDirectory()
    {
    }

    /**
     * Creates the directory (and its missing parents, with the umask's modes) or checks and tightens it.
     *
     * @throws IllegalStateException naming the directory and what to do, if it may not be used.
     * @throws UncheckedIOException  if it cannot be created or read.
     */
    public static Path require(final Path directory)
    {
        if (!Files.exists(directory))
        {
            create(directory);
        }
        try
        {
            if (!Files.isDirectory(directory))
            {
                throw new IllegalStateException("data dir " + directory + " is not a directory");
            }
            final UserPrincipal owner = Files.getOwner(directory);
            final String user = System.getProperty("user.name");
            if (!owner.getName().equals(user))
            {
                throw new IllegalStateException("data dir " + directory + " belongs to user " + owner.getName() +
                    ", not to " + user + " who runs procmesh: its owner could read and change everything in it; " +
                    "use a directory of your own");
            }
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
            if (permissions.stream().anyMatch(OTHERS_WRITE::contains))
            {
                throw new IllegalStateException("data dir " + directory + " is writable by its group or others (" +
                    PosixFilePermissions.toString(permissions) + "): anyone could replace what is in it; chmod 700 " +
                    "it if what is inside can be trusted, or use a new directory");
            }
            if (!permissions.equals(OWNER_ONLY))
            {
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
            }
            return directory;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("data dir " + directory + " cannot be made private: " +
                ex.getClass().getSimpleName() + " " + ex.getMessage(), ex);
        }
    }

    private static void create(final Path directory)
    {
        try
        {
            final Path parent = directory.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            try
            {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            catch (final FileAlreadyExistsException raced)
            {
                // Made meanwhile, by another process of this start or as a file: checked as any existing one.
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("data dir " + directory + " cannot be created: " +
                ex.getClass().getSimpleName() + " " + ex.getMessage(), ex);
        }
    }
}
