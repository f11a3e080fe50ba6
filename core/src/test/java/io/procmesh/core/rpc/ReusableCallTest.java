package io.procmesh.core.rpc;

import io.procmesh.core.Procmesh;
import io.procmesh.core.agent.BackoffIdleStrategy;
import io.procmesh.core.agent.BusySpinIdleStrategy;
import io.procmesh.core.agent.IdleStrategy;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.RawEchoServiceMain;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReusableCallTest
{
    @Test
    void shouldEchoRawBytesBetweenJvms()
    {
        final Path dataDir = TestDirectories.create("raw");
        try (ChildJvm echo = ChildJvm.start(RawEchoServiceMain.class, dataDir.resolve("logs/raw-echo-1.log"),
                Duration.ofMinutes(2), List.of(), dataDir.toString(), "raw-echo-1");
             Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("raw-caller")))
        {
            echo.awaitLogLine("READY raw-echo-1", Duration.ofSeconds(60));
            final ReusableCall call = new ReusableCall("raw-echo", "echo");
            final IdleStrategy idle = new BackoffIdleStrategy();
            for (int i = 0; i < 2_000; i++)
            {
                roundTrip(mesh.client(), call, idle, i);
            }
        }
    }

    @Test
    void shouldAllocateNoObjectPerCallOnTheRawPath() throws Exception
    {
        final Path dataDir = TestDirectories.create("raw-alloc");
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        // Both ends in this JVM so the measurement is not at the mercy of another process's scheduling.
        try (Procmesh server = Procmesh.connect(new Procmesh.Context()
                 .dataDir(dataDir).serviceName("raw-echo").instanceId("raw-echo-1"));
             ServiceHost host = ServiceHost.launch(new ServiceHost.Context()
                 .mesh(server).rawHandler((request, reply) -> reply.write(request.payload())));
             Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("raw-caller")))
        {
            final RpcClient client = mesh.client();
            final ReusableCall call = new ReusableCall("raw-echo", "echo");
            final IdleStrategy idle = new BusySpinIdleStrategy();
            final int calls = 2_000;
            for (int i = 0; i < calls; i++)
            {
                roundTrip(client, call, idle, i);
                futureRoundTrip(client, i);
            }

            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++)
            {
                roundTrip(client, call, idle, i);
            }
            final long rawBytes = threads.getCurrentThreadAllocatedBytes() - before;

            before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < calls; i++)
            {
                futureRoundTrip(client, i);
            }
            final long futureBytes = threads.getCurrentThreadAllocatedBytes() - before;

            // The smallest object is 16 bytes: under 4 bytes a call means no object per call, only Chronicle
            // Queue's occasional index and cycle work. The future path allocates its call, future and lambdas.
            assertTrue(rawBytes < calls * 4L && rawBytes * 10 < futureBytes,
                "raw path " + rawBytes / calls + " B/call, future path " + futureBytes / calls + " B/call");
        }
    }

    private static void futureRoundTrip(final RpcClient client, final long value) throws Exception
    {
        final long echoed = client.send("raw-echo", "echo", io.procmesh.core.message.PayloadFormat.RAW,
            payload -> payload.writeLong(value), response -> response.payload().readLong(), 5_000)
            .get(5, TimeUnit.SECONDS);
        assertEquals(value, echoed);
    }

    @Test
    void shouldFailAReusableCallWithNoInstanceAndAllowTheNextOne()
    {
        final Path dataDir = TestDirectories.create("raw-none");
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("raw-caller")))
        {
            final ReusableCall call = new ReusableCall("nobody", "echo");
            assertFalse(mesh.client().invoke(call, 100));
            assertInstanceOf(ServiceUnavailableException.class, call.failure());
            assertFalse(mesh.client().invoke(call, 100));
        }
    }

    private static void roundTrip(final RpcClient client, final ReusableCall call, final IdleStrategy idle, final long value)
    {
        call.request().clear().writeLong(value);
        assertTrue(client.invoke(call, 5_000));
        if (!call.await(idle))
        {
            throw new AssertionError("call failed: " + call.failure());
        }
        assertEquals(value, call.reply().readLong());
    }
}
