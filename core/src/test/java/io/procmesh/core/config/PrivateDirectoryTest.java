package io.procmesh.core.config;

import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, safe files: a data directory is made 0700, an existing one of this user's is tightened, and one that
 * others may write is refused with one line naming it.
 */
class PrivateDirectoryTest
{
    private final Path root = TestDirectories.create("private-directory");

    @Test
    void shouldCreateTheDirectoryAndMissingParentsOwnerOnly() throws IOException
    {
        final Path data = root.resolve("a").resolve("data");
        PrivateDirectory.require(data);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }

    @Test
    void shouldTightenAReadableDirectoryOfThisUser() throws IOException
    {
        final Path data = Files.createDirectories(root.resolve("readable"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateDirectory.require(data);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }

    @Test
    void shouldRefuseADirectoryOthersMayWriteAndLeaveItAsItIs() throws IOException
    {
        for (final String mode : new String[]{"rwxrwxrwx", "rwxrwx---", "rwx----w-"})
        {
            final Path data = Files.createDirectories(root.resolve("writable-" + mode));
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString(mode));
            final IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> PrivateDirectory.require(data));
            assertEquals("data dir " + data + " is writable by its group or others (" + mode + "): anyone could " +
                "replace what is in it; chmod 700 it if what is inside can be trusted, or use a new directory",
                refused.getMessage());
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(data)), "left as it was");
        }
    }

    @Test
    void shouldRefuseAFileOrAnUncreatablePathWithOneLine() throws IOException
    {
        final Path file = Files.writeString(root.resolve("a-file"), "not a directory");
        assertEquals("data dir " + file + " is not a directory",
            assertThrows(IllegalStateException.class, () -> PrivateDirectory.require(file)).getMessage());
        final String message = assertThrows(UncheckedIOException.class,
            () -> PrivateDirectory.require(file.resolve("data"))).getMessage();
        assertTrue(message.startsWith("data dir " + file.resolve("data") + " cannot be created: "), message);
    }
}
