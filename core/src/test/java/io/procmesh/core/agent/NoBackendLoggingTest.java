package io.procmesh.core.agent;

import io.procmesh.core.Procmesh;
import io.procmesh.core.config.JavaCommand;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.rpc.RemoteServiceException;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoServiceMain;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * procmesh-core brings only slf4j-api: with no backend, a handler's errors are still counted and reach stderr as
 * one line each, and a failed async handler is one line, not a stack trace.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoBackendLoggingTest
{
    @Test
    void shouldCountAndPrintHandlerErrorsOnceEachWithNoSlf4jBackend()
    {
        final Path dir = TestDirectories.create("no-backend");
        final String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("logback")).collect(Collectors.joining(File.pathSeparator));
        assertFalse(classPath.contains("logback"));
        final List<String> command = JavaCommand.mainClass(EchoServiceMain.class).classPath(classPath)
            .jvmOptions(List.of("-Xmx128m", "-XX:+UseSerialGC"))
            .args(dir.toString(), "echo-nb", dir.resolve("handled.txt").toString()).build();
        try (ChildJvm child = ChildJvm.startCommand("no-backend", command, dir.resolve("echo.log"),
            Duration.ofMinutes(1));
             Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dir).instanceId("test-client")))
        {
            child.awaitLogLine("READY echo-nb", Duration.ofSeconds(60));
            assertTrue(child.logText().contains("No SLF4J providers were found"), child.logText());
            final EchoApi echo = mesh.proxy(EchoApi.class, "echo", 5_000);
            for (int i = 0; i < 3; i++)
            {
                assertThrows(RemoteServiceException.class, () -> echo.fail("boom"));
            }
            final ExecutionException async =
                assertThrows(ExecutionException.class, () -> echo.echoAsync(null).get(5, TimeUnit.SECONDS));
            assertTrue(async.getCause() instanceof RemoteServiceException, async.toString());

            Await.until(() -> warnings(child).size() == 4, Duration.ofSeconds(10),
                () -> "warnings: " + warnings(child));
            final List<String> warnings = warnings(child);
            for (int i = 0; i < 3; i++)
            {
                assertTrue(warnings.get(i).startsWith(
                    "procmesh WARN echo-nb: java.lang.IllegalStateException: boom (at "), warnings.get(i));
            }
            assertTrue(warnings.get(3).startsWith("procmesh WARN echo-nb: java.lang.NullPointerException"),
                warnings.get(3));
            assertFalse(child.logText().contains("\tat "), "no stack traces: " + child.logText());
            assertEquals(1, child.logText().lines().filter(l -> l.startsWith("procmesh: no SLF4J backend")).count());

            final InstanceSnapshot snapshot = mesh.registry().snapshot().stream()
                .filter(s -> s.instanceId().equals("echo-nb")).findFirst().orElseThrow();
            assertEquals(4, snapshot.errors(), "every handler error is counted");
        }
    }

    private static List<String> warnings(final ChildJvm child)
    {
        return child.logText().lines().filter(line -> line.startsWith("procmesh WARN")).toList();
    }

    @Test
    void shouldLogAFailedAsyncCallAsOneLineNamingItsCauses()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final LoggingErrorHandler handler =
            new LoggingErrorHandler("order-1", new PrintStream(out, true, StandardCharsets.UTF_8), true);
        handler.onError(new CompletionException(new IllegalStateException("user.get got no reply within 2000 ms")));
        handler.onError(new IllegalArgumentException("bad", new IllegalStateException("root")));
        assertEquals(2, handler.errorCount());
        final List<String> lines = out.toString(StandardCharsets.UTF_8).lines()
            .filter(line -> line.startsWith("procmesh WARN")).toList();
        assertEquals("procmesh WARN order-1: java.lang.IllegalStateException: user.get got no reply within 2000 ms",
            lines.get(0));
        assertTrue(lines.get(1).matches("procmesh WARN order-1: java.lang.IllegalArgumentException: bad \\(at .*\\); " +
            "caused by java.lang.IllegalStateException: root \\(at .*\\)"), lines.get(1));
        assertEquals(2, lines.size());
    }
}
