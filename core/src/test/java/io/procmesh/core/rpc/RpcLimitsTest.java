package io.procmesh.core.rpc;

import io.procmesh.core.Procmesh;
import io.procmesh.core.agent.BusySpinIdleStrategy;
import io.procmesh.core.message.EnvelopeTooLargeException;
import io.procmesh.core.message.PayloadFormat;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoService;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 items 3 and 10: sizes are checked by the sender, and timeouts neither overflow nor accept nonsense.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RpcLimitsTest
{
    private static final int LIMIT = InProcessCaller.MAX_PAYLOAD_BYTES;

    @Test
    void shouldFailAnOversizedRequestAtOnceAndWriteNothing()
    {
        try (InProcessCaller mesh = new InProcessCaller("limits-request"))
        {
            final RpcClient client = mesh.start();
            final CompletableFuture<Long> big = client.send(InProcessCaller.SERVICE, "op", PayloadFormat.RAW,
                payload -> payload.write(new byte[LIMIT + 1]), response -> 0L, 60_000);
            assertTrue(big.isDone(), "an oversized request was sent and left waiting");
            final Throwable error = assertThrows(ExecutionException.class, big::get).getCause();
            assertInstanceOf(EnvelopeTooLargeException.class, error);
            assertTrue(error.getMessage().contains("procmesh.maxPayloadBytes"), error.getMessage());

            final CompletableFuture<Long> longName = client.send(InProcessCaller.SERVICE, "o".repeat(300),
                PayloadFormat.RAW, payload -> payload.writeLong(1), response -> 0L, 60_000);
            assertTrue(longName.isDone(), "a request with a 300-byte operation name was sent and left waiting");
            assertInstanceOf(EnvelopeTooLargeException.class,
                assertThrows(ExecutionException.class, longName::get).getCause());

            final ReusableCall raw = new ReusableCall(InProcessCaller.SERVICE, "op");
            raw.request().write(new byte[LIMIT + 1]);
            assertFalse(mesh.client.invoke(raw, 60_000));
            assertInstanceOf(EnvelopeTooLargeException.class, raw.failure());
            assertEquals(0, client.callsInFlight());
            assertEquals(0, mesh.targetSlot.snapshot().requestsIn());
        }
    }

    @Test
    void shouldRejectANonPositiveTimeoutAtTheApiEdge()
    {
        try (InProcessCaller mesh = new InProcessCaller("limits-timeout"))
        {
            final RpcClient client = mesh.start();
            for (final long timeoutMs : new long[]{0, -1, Long.MIN_VALUE})
            {
                final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> client.callJson(InProcessCaller.SERVICE, "op", "{}", timeoutMs));
                assertTrue(error.getMessage().contains("timeoutMs"), error.getMessage());
                assertThrows(IllegalArgumentException.class,
                    () -> client.invoke(new ReusableCall(InProcessCaller.SERVICE, "op"), timeoutMs));
                assertThrows(IllegalArgumentException.class,
                    () -> ServiceProxy.create(EchoApi.class, "echo", client, timeoutMs));
            }
        }
    }

    @Test
    void shouldServeCallsWithTheLongestTimeoutAndTurnAnOversizedReplyIntoAnError() throws Exception
    {
        final Path dataDir = TestDirectories.create("limits-serve");
        // Both ends in this JVM: the server's codec is the one that must refuse its own oversized reply.
        try (Procmesh server = Procmesh.connect(new Procmesh.Context()
                 .dataDir(dataDir).serviceName("echo").instanceId("echo-1").maxPayloadBytes(LIMIT));
             ServiceHost host = ServiceHost.launch(new ServiceHost.Context()
                 .mesh(server).handler(EchoApi.class, new EchoService(dataDir.resolve("handled.txt"))));
             Procmesh rawServer = Procmesh.connect(new Procmesh.Context()
                 .dataDir(dataDir).serviceName("raw").instanceId("raw-1").maxPayloadBytes(LIMIT));
             ServiceHost rawHost = ServiceHost.launch(new ServiceHost.Context()
                 .mesh(rawServer).rawHandler((request, reply) -> reply.write(new byte[request.payload().readInt()])));
             Procmesh mesh = Procmesh.connect(new Procmesh.Context()
                 .dataDir(dataDir).instanceId("caller-1").maxPayloadBytes(LIMIT)))
        {
            final EchoApi forever = mesh.proxy(EchoApi.class, "echo", Long.MAX_VALUE);
            assertEquals("patient", forever.echo("patient"));
            assertEquals("patient", mesh.client().callJson("echo", "echo", "\"patient\"", Long.MAX_VALUE)
                .get(30, TimeUnit.SECONDS).replace("\"", ""));

            final EchoApi api = mesh.proxy(EchoApi.class, "echo", 5_000);
            final long start = System.nanoTime();
            final RemoteServiceException tooBig =
                assertThrows(RemoteServiceException.class, () -> api.repeat("x", LIMIT + 100));
            assertTrue(tooBig.getMessage().contains("procmesh.maxPayloadBytes"), tooBig.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "an error, not a timeout");
            assertEquals("xx", api.repeat("x", 2));

            final ReusableCall raw = new ReusableCall("raw", "big");
            raw.request().writeInt(LIMIT + 1);
            assertTrue(mesh.client().invoke(raw, 5_000));
            assertFalse(raw.await(new BusySpinIdleStrategy()));
            assertInstanceOf(RemoteServiceException.class, raw.failure());
            assertTrue(raw.failure().getMessage().contains("procmesh.maxPayloadBytes"), raw.failure().getMessage());

            raw.request().clear().writeInt(16);
            assertTrue(mesh.client().invoke(raw, 5_000));
            assertTrue(raw.await(new BusySpinIdleStrategy()), "the next reply is fine: " + raw.failure());
            assertEquals(16, raw.reply().readRemaining());
        }
    }
}
