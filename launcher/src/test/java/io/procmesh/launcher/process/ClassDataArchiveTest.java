package io.procmesh.launcher.process;

import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassDataArchiveTest
{
    private static final String TRAINING = "io.procmesh.launcher.training.ClassDataTrainingMain";

    private final Path dir = TestDirectories.create("cds");

    @Test
    void shouldGiveChildrenTheArchiveOnlyOnceItExists() throws Exception
    {
        final ChildClassPath classPath = ChildClassPath.of(jar("app.jar").toString());
        final ClassDataArchive archive = ClassDataArchive.of(true, dir.resolve("cds"), classPath, dir.resolve("t.log"),
            TRAINING);
        assertEquals(Optional.empty(), archive.ready());

        final Path file = archiveFile(archive);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "archive");
        assertEquals(Optional.of(file), archive.ready());
    }

    @Test
    void shouldNameANewArchiveWhenAJarChanges() throws Exception
    {
        final Path jar = jar("app.jar");
        final ChildClassPath classPath = ChildClassPath.of(jar.toString());
        final Path before = archiveFile(ClassDataArchive.of(true, dir, classPath, dir.resolve("t.log"), TRAINING));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        final Path after = archiveFile(ClassDataArchive.of(true, dir, classPath, dir.resolve("t.log"), TRAINING));
        assertNotEquals(before, after);
    }

    @Test
    void shouldBeOffForDirectoriesOnTheClassPathOrWhenDisabled() throws Exception
    {
        final ChildClassPath withDirectory = ChildClassPath.of(jar("app.jar") + ":" + dir);
        assertFalse(withDirectory.allJars());
        final ClassDataArchive forDirectories = ClassDataArchive.of(true, dir, withDirectory, dir.resolve("t.log"),
            TRAINING);
        forDirectories.createIfMissing();
        assertEquals(Optional.empty(), forDirectories.ready());

        final ChildClassPath jars = ChildClassPath.of(jar("app.jar").toString());
        assertTrue(jars.allJars());
        final ClassDataArchive disabled = ClassDataArchive.of(false, dir, jars, dir.resolve("t.log"), TRAINING);
        disabled.createIfMissing();
        assertEquals(Optional.empty(), disabled.ready());
        try (var files = Files.list(dir))
        {
            assertEquals(List.of(dir.resolve("app.jar")), files.toList(), "nothing started, nothing written");
        }
    }

    private Path jar(final String name) throws Exception
    {
        final Path jar = dir.resolve(name);
        if (!Files.exists(jar))
        {
            Files.write(jar, new byte[] {'P', 'K'});
        }
        return jar;
    }

    private static Path archiveFile(final ClassDataArchive archive)
    {
        return archive.file();
    }
}
