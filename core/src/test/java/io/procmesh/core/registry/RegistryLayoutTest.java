package io.procmesh.core.registry;

import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryLayoutTest
{
    private final Path file = TestDirectories.create("layout").resolve("registry.cm");

    @Test
    void shouldRefuseARegistryMadeWithTheOldRecordLayoutWithOneClearError() throws Exception
    {
        Registry.open(file, 16).close();
        assertEquals("5", Files.readString(file.resolveSibling("registry.cm.layout")).trim());
        Registry.open(file, 16).close();

        // A registry.cm from before issue 9 has no layout file.
        Files.delete(file.resolveSibling("registry.cm.layout"));
        final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Registry.open(file, 16));
        assertTrue(refused.getMessage().contains("has record layout 1, this version needs 5"), refused.getMessage());
        assertTrue(refused.getMessage().contains("delete registry.cm"), refused.getMessage());

        // A registry made with layout 4, before the heartbeat intervals (issue 13).
        Files.writeString(file.resolveSibling("registry.cm.layout"), "4\n");
        final IllegalStateException older = assertThrows(IllegalStateException.class, () -> Registry.open(file, 16));
        assertTrue(older.getMessage().contains("has record layout 4, this version needs 5"), older.getMessage());

        Files.delete(file);
        Registry.open(file, 16).close();
    }
}
