package io.procmesh.benchmarks.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 10 item 5: the suite's Context concludes once, like every Context with a {@code conclude()}.
 */
class SuiteContextTest
{
    @Test
    void shouldRefuseASecondConclude(@TempDir final Path dir)
    {
        try (SuiteContext context = new SuiteContext()
            .mode(SuiteMode.smoke())
            .dataRoot(dir.resolve("data"))
            .outputDir(dir.resolve("out"))
            .conclude())
        {
            final IllegalStateException error = assertThrows(IllegalStateException.class, context::conclude);
            assertEquals("SuiteContext is already concluded: conclude() runs once per Context", error.getMessage());
        }
    }
}
