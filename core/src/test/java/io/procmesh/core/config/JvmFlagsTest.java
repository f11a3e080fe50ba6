package io.procmesh.core.config;

import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoServiceMain;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The argument file in the jar is the flags procmesh passes its children, java reads it as it is, and a JVM started
 * without the flags is told so in one line at connect instead of failing inside Chronicle.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JvmFlagsTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(1);

    @Test
    void shouldShipTheFlagsAsAnArgfileThatIsTheListChildrenGet()
    {
        final String text = JvmFlags.argfileText();
        assertFalse(text.contains("${"), "the argfile must be filtered by the build: " + text);
        assertEquals(JvmFlags.chronicle(), JvmFlags.parse(text));
        assertTrue(JvmFlags.chronicle().contains("--add-opens=java.base/java.lang=ALL-UNNAMED"));
        assertTrue(JvmFlags.chronicle().contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"));
        assertEquals(JvmFlags.ANALYTICS_DISABLE, JvmFlags.chronicle().get(JvmFlags.chronicle().size() - 1));
        assertEquals(List.of(), JvmFlags.missing(), "Surefire's JVM has every flag");
    }

    @Test
    void shouldRunAServiceInAJvmStartedWithTheArgfile() throws IOException
    {
        final Path dir = TestDirectories.create("jvm-flags-argfile");
        final Path argfile = dir.resolve("jvm.options");
        Files.writeString(argfile, JvmFlags.argfileText());
        final List<String> command = List.of(JvmFlags.javaExecutable(), "@" + argfile, "-Xmx128m",
            "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), EchoServiceMain.class.getName(),
            dir.toString(), "echo-1", dir.resolve("handled.txt").toString());
        try (ChildJvm child = ChildJvm.startCommand("argfile", command, dir.resolve("echo.log"), CHILD_TIMEOUT))
        {
            child.awaitLogLine("READY echo-1", CHILD_TIMEOUT);
        }
    }

    @Test
    void shouldFailConnectWithOneLineNamingTheMissingFlagsInAJvmStartedWithoutThem()
    {
        final Path dir = TestDirectories.create("jvm-flags-missing");
        final List<String> command = List.of(JvmFlags.javaExecutable(), "-Xmx128m", "-XX:+UseSerialGC",
            "-cp", System.getProperty("java.class.path"), EchoServiceMain.class.getName(),
            dir.toString(), "echo-1", dir.resolve("handled.txt").toString());
        try (ChildJvm child = ChildJvm.startCommand("no-flags", command, dir.resolve("echo.log"), CHILD_TIMEOUT))
        {
            assertTrue(child.waitForExit(CHILD_TIMEOUT) != 0);
            final String log = child.logText();
            final String first = log.lines().filter(line -> line.contains("MissingJvmFlagsException")).findFirst()
                .orElseThrow(() -> new AssertionError("no MissingJvmFlagsException in " + log));
            assertTrue(first.contains("procmesh-core needs JVM flags this JVM was started without: " +
                "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"), first);
            assertTrue(first.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), first);
            assertTrue(first.contains("start java with @jvm.options (print it with 'procmesh jvm-flags'"), first);
            assertFalse(log.contains("InaccessibleObjectException"), log);
            assertFalse(log.contains("READY"), log);
        }
    }
}
