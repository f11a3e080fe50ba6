package io.procmesh.core;

import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDirectoryErrorTest
{
    @Test
    void shouldNameTheFileWhenTheDataDirectoryCannotBeUsed() throws Exception
    {
        final Path notADirectory = TestDirectories.create("bad-data-dir").resolve("plain-file");
        Files.writeString(notADirectory, "not a directory");

        final IllegalStateException error = assertThrows(IllegalStateException.class, () -> Procmesh.connect(
            new Procmesh.Context().dataDir(notADirectory).instanceId("app-1")));
        assertEquals("data dir " + notADirectory.toAbsolutePath().normalize() + " is not a directory",
            error.getMessage());
    }

    @Test
    void shouldRefuseToStartWithLessFreeSpaceThanConfiguredNamingTheDirectoryAndTheProperty()
    {
        final Path dir = TestDirectories.create("no-space");
        final long moreThanAnyDiskMb = Long.MAX_VALUE / (1024 * 1024);

        final IllegalStateException error = assertThrows(IllegalStateException.class, () -> Procmesh.connect(
            new Procmesh.Context().dataDir(dir).instanceId("app-1").minFreeDiskMb(moreThanAnyDiskMb)));

        assertTrue(error.getMessage().startsWith("data directory " + dir.toAbsolutePath().normalize() + " has "),
            error.getMessage());
        assertTrue(error.getMessage().contains("needs at least " + moreThanAnyDiskMb + " MiB there " +
            "(procmesh.minFreeDiskMb)"), error.getMessage());
        assertTrue(Files.notExists(dir.resolve("registry.cm")), "nothing written before the check");
    }

    @Test
    void shouldRejectAnInvalidInstanceNameBeforeTouchingTheDisk()
    {
        final Path dir = TestDirectories.create("bad-name");
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Procmesh.connect(
            new Procmesh.Context().dataDir(dir).instanceId("../escape")));
        assertTrue(error.getMessage().contains("instance name '../escape' is invalid"), error.getMessage());
        assertTrue(Files.notExists(dir.resolve("registry.cm")));
    }
}
