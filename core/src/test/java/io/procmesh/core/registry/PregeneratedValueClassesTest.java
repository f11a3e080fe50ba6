package io.procmesh.core.registry;

import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Chronicle Values classes are compiled at build time from src/generated/java, so that no JVM runs javac at
 * start-up (it cost 0.8 s of CPU per JVM on a quiet machine, seconds under load). These tests keep the checked-in
 * sources equal to what Chronicle Values generates now; after changing InstanceRecord or upgrading Chronicle,
 * regenerate them with
 * {@code mvn -o -pl core test -Dtest=PregeneratedValueClassesTest -Dprocmesh.regenerateValueClasses=true}.
 */
class PregeneratedValueClassesTest
{
    private static final boolean REGENERATE = Boolean.getBoolean("procmesh.regenerateValueClasses");

    @Test
    void shouldMatchWhatChronicleValuesGeneratesNow() throws Exception
    {
        for (final ValueClassSources.Generated generated : ValueClassSources.ALL)
        {
            final String expected = generated.source();
            if (REGENERATE)
            {
                Files.createDirectories(generated.file().getParent());
                Files.writeString(generated.file(), expected, StandardCharsets.UTF_8);
            }
            assertTrue(Files.isRegularFile(generated.file()), generated.file() + " is missing: regenerate it");
            assertEquals(expected, Files.readString(generated.file(), StandardCharsets.UTF_8),
                generated.file() + " is stale: regenerate it (see this test's comment)");
        }
    }

    @Test
    void shouldLoadEveryValueClassFromTheClassPath()
    {
        for (final ValueClassSources.Generated generated : ValueClassSources.ALL)
        {
            final Class<?> loaded = generated.kind() == ValueClassSources.Kind.NATIVE ?
                Values.nativeClassFor(generated.valueInterface()) : Values.heapClassFor(generated.valueInterface());
            assertEquals(generated.className(), loaded.getName());
            // A class javac made at run time has no code source; one from the class path has its jar or directory.
            assertNotNull(loaded.getProtectionDomain().getCodeSource(), loaded + " was compiled at run time");
        }
    }
}
