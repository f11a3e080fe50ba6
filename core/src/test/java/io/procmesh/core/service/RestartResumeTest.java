package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.rpc.ServiceTimeoutException;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoJvms;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RestartResumeTest
{
    private static final int SIGTERM_EXIT = 143;
    private Path dataDir;
    private Path handled;
    private EchoJvms echoes;
    private Procmesh mesh;

    @BeforeEach
    void setUp()
    {
        dataDir = TestDirectories.create("restart");
        echoes = new EchoJvms(dataDir);
        handled = echoes.handled();
        mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("caller-1"));
    }

    @AfterEach
    void tearDown()
    {
        mesh.close();
        echoes.close();
    }

    @Test
    void shouldResumeFromTheNamedTailerAfterKillWithNoDuplicateHandling() throws Exception
    {
        final EchoApi api = mesh.proxy(EchoApi.class, "echo", 20_000);
        ChildJvm echo = echoes.start();
        assertEquals(1, api.record("a"));
        assertEquals(2, api.record("b"));

        echo.signal("STOP");
        final CompletableFuture<Integer> c = mesh.client().call("echo", "record", "c",
            mesh.client().json().type(Integer.class), 20_000);
        final CompletableFuture<Integer> d = mesh.client().call("echo", "record", "d",
            mesh.client().json().type(Integer.class), 20_000);
        echo.kill9();

        echo = echoes.start();
        assertEquals(3, c.get(20, TimeUnit.SECONDS));
        assertEquals(4, d.get(20, TimeUnit.SECONDS));
        assertEquals(List.of("a", "b", "c", "d"), Files.readAllLines(handled));

        echo.signal("TERM");
        assertEquals(SIGTERM_EXIT, echo.waitForExit(Duration.ofSeconds(15)));
        assertTrue(echo.logText().contains("STOPPED echo-1"));
        echo = echoes.start();
        assertEquals(5, api.record("e"));
        assertEquals(List.of("a", "b", "c", "d", "e"), Files.readAllLines(handled));
    }

    @Test
    void shouldNotRunAHandlerAgainWhenTheProcessDiedInsideIt() throws Exception
    {
        final EchoApi api = mesh.proxy(EchoApi.class, "echo", 1_000);
        ChildJvm echo = echoes.start();
        assertEquals(1, api.record("before"));

        assertThrows(ServiceTimeoutException.class, () -> api.recordThenCrash("crash"));
        echo.waitForExit(Duration.ofSeconds(10));

        echo = echoes.start();
        assertEquals(3, api.record("after"));
        assertEquals(List.of("before", "crash", "after"), Files.readAllLines(handled));
        final InstanceSnapshot snapshot = echoSnapshot();
        assertTrue(snapshot.duplicates() >= 1, "the replayed request was not counted: " + snapshot);
    }

    @Test
    void shouldDrainAndDeregisterOnSigterm()
    {
        final EchoApi api = mesh.proxy(EchoApi.class, "echo", 10_000);
        final ChildJvm echo = echoes.start();
        final CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> api.slow(1_000));
        Await.until(() -> echoSnapshot().requestsIn() >= 1, Duration.ofSeconds(10), "the slow request never arrived");

        echo.signal("TERM");
        assertEquals("slept 1000", inFlight.join(), "the request in flight at SIGTERM was not finished");
        assertEquals(SIGTERM_EXIT, echo.waitForExit(Duration.ofSeconds(15)));
        assertTrue(echo.logText().contains("STOPPED echo-1"));
        assertEquals(InstanceStatus.DOWN, echoSnapshot().status());
    }

    @Test
    void shouldStopPickingAKilledInstanceOnceItsHeartbeatIsStale() throws Exception
    {
        final EchoApi api = mesh.proxy(EchoApi.class, "echo", 5_000);
        final ChildJvm echo = echoes.start();
        assertEquals("up", api.echo("up"));
        echo.kill9();
        assertEquals(InstanceStatus.UP, echoSnapshot().status(), "a killed instance cannot mark itself DOWN");

        Thread.sleep(io.procmesh.core.config.Configuration.INSTANCE_STALE_MS_DEFAULT + 200);
        final long start = System.nanoTime();
        assertThrows(io.procmesh.core.rpc.ServiceUnavailableException.class, () -> api.echo("anyone?"));
        final long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < 1_000, "failed after " + elapsedMs + " ms instead of at once");
    }

    private InstanceSnapshot echoSnapshot()
    {
        return mesh.registry().snapshot().stream()
            .filter(s -> s.instanceId().equals("echo-1")).findFirst().orElseThrow();
    }
}
