package io.procmesh.core.registry;

import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The Chronicle Values classes are generated and compiled by core's build (ValueClassGenerator, core/pom.xml), so
 * that no JVM runs javac at start-up: it cost 0.8 s of CPU per JVM on a quiet machine, seconds under load.
 */
class PregeneratedValueClassesTest
{
    @Test
    void shouldLoadEveryValueClassFromTheClassPath()
    {
        for (final ValueClassGenerator.Generated generated : ValueClassGenerator.ALL)
        {
            final Class<?> loaded = generated.kind() == ValueClassGenerator.Kind.NATIVE ?
                Values.nativeClassFor(generated.valueInterface()) : Values.heapClassFor(generated.valueInterface());
            assertEquals(generated.className(), loaded.getName());
            // A class javac made at run time has no code source; one from the class path has its jar or directory.
            assertNotNull(loaded.getProtectionDomain().getCodeSource(), loaded + " was compiled at run time");
        }
    }
}
