package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoJvms;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The last handled index belongs to the queue it describes (issue 9, item 4), over real JVMs.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InboxMarkTest
{
    private static final int SIGTERM_EXIT = 143;
    private Path dataDir;
    private Path handled;
    private EchoJvms echoes;
    private Procmesh mesh;

    @BeforeEach
    void setUp()
    {
        dataDir = TestDirectories.create("inbox-mark");
        echoes = new EchoJvms(dataDir);
        handled = echoes.handled();
        mesh = connectCaller();
    }

    @AfterEach
    void tearDown()
    {
        mesh.close();
        echoes.close();
    }

    private Procmesh connectCaller()
    {
        return Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("caller-1"));
    }

    @Test
    void shouldHandleRequestsInARecreatedInboxInsteadOfDroppingThemAsReplays() throws Exception
    {
        EchoApi api = mesh.proxy(EchoApi.class, "echo", 20_000);
        ChildJvm echo = echoes.start();
        for (int i = 1; i <= 5; i++)
        {
            assertEquals(i, api.record("old-" + i));
        }
        echo.signal("TERM");
        assertEquals(SIGTERM_EXIT, echo.waitForExit(Duration.ofSeconds(15)));
        mesh.close();
        deleteTree(dataDir.resolve("queues/echo/echo-1"));

        mesh = connectCaller();
        api = mesh.proxy(EchoApi.class, "echo", 20_000);
        echo = echoes.start();
        assertEquals(6, api.record("new-1"), "the first request to the recreated inbox was dropped");
        assertEquals(7, api.record("new-2"));
    }

    @Test
    void shouldNotRunTheRequestInFlightAtACrashAgainWhenTheRegistryWasDeleted() throws Exception
    {
        final EchoApi api = mesh.proxy(EchoApi.class, "echo", 20_000);
        ChildJvm echo = echoes.start();
        assertEquals(1, api.record("before"));
        // A long deadline: the replay after the restart must not be skipped merely as expired.
        final CompletableFuture<Object> crash = mesh.client().call("echo", "recordThenCrash", "crash",
            mesh.client().json().type(Object.class), 120_000);
        echo.waitForExit(Duration.ofSeconds(30));
        mesh.close();
        assertThrows(ExecutionException.class, () -> crash.get(10, TimeUnit.SECONDS));
        Files.delete(dataDir.resolve("registry.cm"));
        Files.deleteIfExists(dataDir.resolve("registry.cm.generation"));

        mesh = connectCaller();
        echo = echoes.start();
        assertEquals(3, mesh.proxy(EchoApi.class, "echo", 20_000).record("after"));
        assertEquals(List.of("before", "crash", "after"), Files.readAllLines(handled));
    }

    private static void deleteTree(final Path root) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }
}
