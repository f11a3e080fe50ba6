package io.procmesh.core.rpc;

import io.procmesh.core.Procmesh;
import io.procmesh.core.channel.Queues;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoServiceMain;
import io.procmesh.core.test.TestDirectories;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CrossProcessRpcTest
{
    private static Path dataDir;
    private static ChildJvm echo;
    private static Procmesh mesh;
    private static EchoApi api;

    @BeforeAll
    static void startService()
    {
        dataDir = TestDirectories.create("rpc");
        echo = ChildJvm.start(EchoServiceMain.class, dataDir.resolve("logs/echo-1.log"), Duration.ofMinutes(3),
            List.of(), dataDir.toString(), "echo-1", dataDir.resolve("handled.txt").toString());
        echo.awaitLogLine("READY echo-1", Duration.ofSeconds(60));
        mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("caller-1"));
        api = mesh.proxy(EchoApi.class, "echo", 3_000);
    }

    @AfterAll
    static void stopService()
    {
        if (mesh != null)
        {
            mesh.close();
        }
        if (echo != null)
        {
            echo.close();
        }
    }

    @Test
    void shouldRoundTripTypedCallsBetweenTwoJvms()
    {
        assertEquals("hello", api.echo("hello"));
        assertEquals(new EchoApi.Sum(5), api.add(new EchoApi.Pair(2, 3)));
    }

    @Test
    void shouldCallAsynchronously() throws Exception
    {
        final CompletableFuture<String> reply = api.echoAsync("quiet");
        assertEquals("QUIET", reply.get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldReturnRemoteErrorNamingServiceOperationAndCause()
    {
        final RemoteServiceException error = assertThrows(RemoteServiceException.class, () -> api.fail("boom"));
        assertEquals("echo", error.service());
        assertEquals("fail", error.operation());
        assertEquals(IllegalStateException.class.getName(), error.remoteType());
        assertEquals("boom", error.remoteMessage());
        assertEquals(FailureCode.INTERNAL, error.code());
    }

    @Test
    void shouldCarryTheFailureCodeAndFieldOfAServiceException()
    {
        final RemoteServiceException error = assertThrows(RemoteServiceException.class, () -> api.fail("invalid x"));
        assertEquals(FailureCode.INVALID_ARGUMENT, error.code());
        assertEquals("message", error.field());
    }

    @Test
    void shouldTimeOutAtTheDeadlineAndCountTheLateReply()
    {
        final EchoApi impatient = mesh.proxy(EchoApi.class, "echo", 200);
        final long lateBefore = mesh.slot().snapshot().lateReplies();
        final long start = System.nanoTime();
        assertThrows(ServiceTimeoutException.class, () -> impatient.slow(1_000));
        final long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= 200 && elapsedMs < 1_000, "timed out after " + elapsedMs + " ms");

        Await.until(() -> mesh.slot().snapshot().lateReplies() > lateBefore, Duration.ofSeconds(10),
            "late reply was not counted");
    }

    @Test
    void shouldTimeOutAgainstAnInstanceThatNeverAnswers()
    {
        final EchoApi impatient = mesh.proxy(EchoApi.class, "echo", 300);
        echo.signal("STOP");
        try
        {
            assertThrows(ServiceTimeoutException.class, () -> impatient.echo("anyone?"));
        }
        finally
        {
            echo.signal("CONT");
        }
        assertEquals("back", api.echo("back"));
    }

    @Test
    void shouldCallThroughTheUntypedJsonPath() throws Exception
    {
        assertEquals("{\"value\":9}", mesh.client().callJson("echo", "add", "{\"a\":4,\"b\":5}", 3_000)
            .get(5, TimeUnit.SECONDS));

        final ExecutionException wrongField = assertThrows(ExecutionException.class, () -> mesh.client()
            .callJson("echo", "add", "{\"a\":4,\"c\":5}", 3_000).get(5, TimeUnit.SECONDS));
        final RemoteServiceException error = assertInstanceOf(RemoteServiceException.class, wrongField.getCause());
        assertEquals(FailureCode.INVALID_ARGUMENT, error.code());
        assertTrue(error.getMessage().contains("c"), error.getMessage());

        final ExecutionException unknown = assertThrows(ExecutionException.class, () -> mesh.client()
            .callJson("echo", "nope", "{}", 3_000).get(5, TimeUnit.SECONDS));
        assertEquals(FailureCode.NOT_FOUND, ((RemoteServiceException)unknown.getCause()).code());
    }

    @Test
    void shouldSkipGarbageInTheInboxAndKeepServing()
    {
        final Path inbox = new DataDirectory(dataDir).inbox("echo", "echo-1");
        final int garbage = 25;
        final Random random = new Random(3);
        try (ChronicleQueue queue = Queues.open(inbox); ExcerptAppender appender = queue.createAppender())
        {
            for (int i = 0; i < garbage; i++)
            {
                final byte[] junk = new byte[random.nextInt(200)];
                random.nextBytes(junk);
                if (i % 5 == 0 && junk.length > 3)
                {
                    junk[0] = 0x4D;
                    junk[1] = 0x50;
                }
                try (DocumentContext dc = appender.writingDocument())
                {
                    dc.wire().bytes().write(junk);
                }
            }
        }
        assertEquals("still here", api.echo("still here"));
        Await.until(() -> echoSnapshot().decodeErrors() >= garbage, Duration.ofSeconds(10),
            "decode errors not counted: " + echoSnapshot());
        assertTrue(echo.isAlive());
    }

    @Test
    void shouldFailFastWhenNoInstanceIsUp()
    {
        final EchoApi nobody = mesh.proxy(EchoApi.class, "nobody", 1_000);
        final long start = System.nanoTime();
        assertThrows(ServiceUnavailableException.class, () -> nobody.echo("hello?"));
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500));
    }

    private static InstanceSnapshot echoSnapshot()
    {
        return mesh.registry().snapshot().stream()
            .filter(s -> s.instanceId().equals("echo-1")).findFirst().orElseThrow();
    }
}
