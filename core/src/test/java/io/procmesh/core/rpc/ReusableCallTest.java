package io.procmesh.core.rpc;

import io.procmesh.core.Procmesh;
import io.procmesh.core.agent.BackoffIdleStrategy;
import io.procmesh.core.agent.IdleStrategy;
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
    void shouldEchoRawBytesBetweenJvmsWithoutAllocatingOnTheCallingThread() throws Exception
    {
        final Path dataDir = TestDirectories.create("raw");
        try (ChildJvm echo = ChildJvm.start(RawEchoServiceMain.class, dataDir.resolve("logs/raw-echo-1.log"),
                Duration.ofMinutes(2), List.of(), dataDir.toString(), "raw-echo-1");
             Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("raw-caller")))
        {
            echo.awaitLogLine("READY raw-echo-1", Duration.ofSeconds(60));
            final RpcClient client = mesh.client();
            final ReusableCall call = new ReusableCall("raw-echo", "echo");
            final IdleStrategy idle = new BackoffIdleStrategy();

            for (int i = 0; i < 5_000; i++)
            {
                roundTrip(client, call, idle, i);
            }

            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long before = threads.getCurrentThreadAllocatedBytes();
            final int calls = 5_000;
            for (int i = 0; i < calls; i++)
            {
                roundTrip(client, call, idle, i);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < calls, "allocated " + allocated + " bytes over " + calls + " calls");
        }
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
        assertTrue(call.await(idle));
        assertEquals(value, call.reply().readLong());
    }
}
