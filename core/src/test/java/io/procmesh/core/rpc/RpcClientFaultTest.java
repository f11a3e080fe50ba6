package io.procmesh.core.rpc;

import io.procmesh.core.agent.BackoffIdleStrategy;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.RegistryWedgedException;
import io.procmesh.core.test.DelegatingRegistryReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 2: every call ends, whatever fails around it. Faults are injected in this JVM; see
 * {@link InProcessCaller}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcClientFaultTest
{
    private static final String OPERATION = "op";

    private static CompletableFuture<Long> send(final RpcClient client, final long timeoutMs)
    {
        return client.send(InProcessCaller.SERVICE, OPERATION, io.procmesh.core.message.PayloadFormat.RAW,
            payload -> payload.writeLong(1), response -> response.payload().readLong(), timeoutMs);
    }

    /**
     * Runs the agent's duty cycle as AgentRunner does (an exception goes to the error handler) until done.
     */
    private static void runAgentUntil(final InProcessCaller mesh, final CompletableFuture<?> done, final long ms)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!done.isDone() && System.nanoTime() - deadline < 0)
        {
            try
            {
                mesh.client.doWork();
            }
            catch (final RuntimeException ex)
            {
                mesh.errorHandler.onError(ex);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldExpireCallsWhileEveryReadOfTheReplyQueueFails()
    {
        try (InProcessCaller mesh = new InProcessCaller("fault-poll"))
        {
            final RpcClient client = mesh.start(real -> new ReplySource()
            {
                @Override
                public int poll(final io.procmesh.core.channel.InboundListener listener)
                {
                    throw new IllegalStateException("injected: cycle file missing");
                }

                @Override
                public void close()
                {
                    real.close();
                }
            }, r -> r);
            final CompletableFuture<Long> call = send(client, 100);
            // Nothing else expires calls here (no heartbeat thread): only the reader's expiry can end it.
            runAgentUntil(mesh, call, 800);
            assertTrue(call.isDone(), "the call was not expired while reads failed");
            final ExecutionException failed = assertThrows(ExecutionException.class, call::get);
            assertInstanceOf(ServiceTimeoutException.class, failed.getCause());
            assertTrue(client.replyReadErrors() > 0);
            assertTrue(mesh.errors.stream().anyMatch(e -> String.valueOf(e.getMessage()).contains("read failed")),
                "the read failure was not reported: " + mesh.errors);
        }
    }

    @Test
    void shouldFailACallThatRegistersAfterCloseFailedTheCallsInFlight() throws Exception
    {
        final CountDownLatch scanning = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);
        try (InProcessCaller mesh = new InProcessCaller("fault-close"))
        {
            // The call's directory scan stalls until close() has run failAll: the call registers after it.
            final RpcClient client = mesh.start(r -> r, real -> new DelegatingRegistryReader(real)
            {
                @Override
                public List<InstanceSnapshot> snapshot()
                {
                    scanning.countDown();
                    await(closed);
                    return super.snapshot();
                }
            });
            final AtomicReference<CompletableFuture<Long>> call = new AtomicReference<>();
            final Thread caller = new Thread(() -> call.set(send(client, 60_000)), "racing-caller");
            caller.start();
            assertTrue(scanning.await(10, TimeUnit.SECONDS));
            client.close();
            closed.countDown();
            caller.join(10_000);

            final CompletableFuture<Long> future = call.get();
            final ExecutionException failed =
                assertThrows(ExecutionException.class, () -> future.get(2, TimeUnit.SECONDS));
            assertInstanceOf(ServiceUnavailableException.class, failed.getCause());
            assertTrue(failed.getCause().getMessage().contains("closed"), failed.getCause().getMessage());
            assertEquals(0, client.callsInFlight());
        }
    }

    @Test
    void shouldFreeAReusableCallWhoseStartThrew()
    {
        final AtomicBoolean wedged = new AtomicBoolean(true);
        try (InProcessCaller mesh = new InProcessCaller("fault-start"))
        {
            final RpcClient client = mesh.start(r -> r, real -> new DelegatingRegistryReader(real)
            {
                @Override
                public List<InstanceSnapshot> snapshot()
                {
                    if (wedged.get())
                    {
                        throw new RegistryWedgedException("registry.cm", "target-1", 100);
                    }
                    return super.snapshot();
                }
            });
            final ReusableCall call = new ReusableCall(InProcessCaller.SERVICE, OPERATION);
            assertFalse(client.invoke(call, 100));
            assertInstanceOf(RegistryWedgedException.class, call.failure());
            assertTrue(call.isDone());

            final CompletableFuture<Long> future = send(client, 100);
            assertTrue(future.isDone());
            assertInstanceOf(RegistryWedgedException.class,
                assertThrows(ExecutionException.class, future::get).getCause());

            wedged.set(false);
            assertTrue(client.invoke(call, 100), "the call object refused the next call: " + call.failure());
            final CompletableFuture<Boolean> replied = new CompletableFuture<>();
            final Thread waiter = new Thread(() -> replied.complete(call.await(new BackoffIdleStrategy())));
            waiter.start();
            runAgentUntil(mesh, replied, 5_000);
            assertFalse(replied.join());
            assertInstanceOf(ServiceTimeoutException.class, call.failure());
        }
    }

    @Test
    void shouldEndAwaitAndFuturesOnTheirOwnWhenNoReaderExpiresTheCall() throws Exception
    {
        try (InProcessCaller mesh = new InProcessCaller("fault-await"))
        {
            final RpcClient client = mesh.start();
            final ReusableCall call = new ReusableCall(InProcessCaller.SERVICE, OPERATION);
            final long start = System.nanoTime();
            assertTrue(client.invoke(call, 100));
            final CompletableFuture<Long> future = send(client, 100);

            final boolean replied = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> call.await(new BackoffIdleStrategy()), "ReusableCall.await waited with no bound");
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertFalse(replied);
            assertInstanceOf(ServiceTimeoutException.class, call.failure());
            assertTrue(elapsedMs >= 1_000,
                "gave up " + elapsedMs + " ms after invoke, before the deadline (100 ms) + grace (1 s)");

            assertEquals(1, client.callsInFlight(), "await took its own call out of the table, not the future's");
            assertFalse(future.isDone());

            // The heartbeat thread's backstop, run here by hand, fails the future's overdue call.
            final long heartbeatsUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!future.isDone() && System.nanoTime() - heartbeatsUntil < 0)
            {
                client.refreshDirectoryIfDue(System.nanoTime());
                Thread.sleep(50);
            }
            assertTrue(future.isDone(), "the future's call was not failed by the heartbeat thread");
            final ExecutionException failed = assertThrows(ExecutionException.class, future::get);
            assertInstanceOf(ServiceTimeoutException.class, failed.getCause());
            assertEquals(0, client.callsInFlight());
        }
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
