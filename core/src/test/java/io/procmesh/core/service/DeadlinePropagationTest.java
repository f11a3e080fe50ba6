package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.rpc.FailureCode;
import io.procmesh.core.rpc.RemoteServiceException;
import io.procmesh.core.rpc.RequestContext;
import io.procmesh.core.rpc.ServiceTimeoutException;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deadlines across a nested call, in one JVM: a call made while handling a request gets what the request has left
 * (less the margin), not its own 30 s; one made with no budget left fails at once; the continuation of an async
 * call runs on the handler's thread with the request re-entered; a request already past its deadline is not
 * started.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadlinePropagationTest
{
    private static final long NESTED_TIMEOUT_MS = 30_000;

    public interface DownApi
    {
        /**
         * @return the milliseconds left of this request's deadline as the handler sees it.
         */
        long remainingMs();

        void block(long ms);

        void record(String key);
    }

    public interface DownCalls
    {
        CompletableFuture<Long> remainingMs();

        CompletableFuture<Void> block(long ms);

        CompletableFuture<Void> record(String key);
    }

    public interface UpApi
    {
        long nestedSync();

        CompletableFuture<String> nestedAsync();

        String afterBudget(long sleepMs);

        String joinInside();
    }

    public interface UpCalls
    {
        CompletableFuture<Long> nestedSync();

        CompletableFuture<String> nestedAsync();

        CompletableFuture<String> afterBudget(long sleepMs);

        CompletableFuture<String> joinInside();
    }

    static final class Down implements DownApi
    {
        final List<String> recorded = new CopyOnWriteArrayList<>();

        @Override
        public long remainingMs()
        {
            return TimeUnit.NANOSECONDS.toMillis(RequestContext.current().deadlineNs() - System.nanoTime());
        }

        @Override
        public void block(final long ms)
        {
            sleepMs(ms);
        }

        @Override
        public void record(final String key)
        {
            recorded.add(key);
        }
    }

    final class Up implements UpApi
    {
        @Override
        public long nestedSync()
        {
            return downSync.remainingMs();
        }

        @Override
        public CompletableFuture<String> nestedAsync()
        {
            final long messageId = RequestContext.current().messageId();
            return downAsync.remainingMs().thenApply(remaining -> Thread.currentThread().getName() + "|" +
                (RequestContext.current().isActive() && RequestContext.current().messageId() == messageId) + "|" +
                remaining);
        }

        @Override
        public String afterBudget(final long sleepMs)
        {
            sleepMs(sleepMs);
            final long startNs = System.nanoTime();
            try
            {
                downSync.remainingMs();
                outcomes.add("sent");
            }
            catch (final RuntimeException ex)
            {
                outcomes.add(ex.getClass().getSimpleName() + " after " +
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs) + " ms");
            }
            return "late";
        }

        @Override
        public String joinInside()
        {
            return String.valueOf(downAsync.remainingMs().join());
        }
    }

    private final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
    private final Down down = new Down();
    private Path dir;
    private Procmesh downMesh;
    private Procmesh upMesh;
    private Procmesh clientMesh;
    private ServiceHost downHost;
    private ServiceHost upHost;
    private DownApi downSync;
    private DownCalls downAsync;

    @BeforeEach
    void setUp()
    {
        dir = TestDirectories.create("deadlines");
        downMesh = Procmesh.connect(new Procmesh.Context().dataDir(dir).serviceName("down").instanceId("down-1"));
        downHost = ServiceHost.launch(new ServiceHost.Context().mesh(downMesh).handler(DownApi.class, down));
        upMesh = Procmesh.connect(new Procmesh.Context().dataDir(dir).serviceName("up").instanceId("up-1"));
        downSync = upMesh.proxy(DownApi.class, "down", NESTED_TIMEOUT_MS);
        downAsync = upMesh.proxy(DownCalls.class, "down", NESTED_TIMEOUT_MS);
        upHost = ServiceHost.launch(new ServiceHost.Context().mesh(upMesh).handler(UpApi.class, new Up()));
        clientMesh = Procmesh.connect(new Procmesh.Context().dataDir(dir).serviceName("client").instanceId("client-1"));
    }

    @AfterEach
    void tearDown()
    {
        upHost.close();
        downHost.close();
        clientMesh.close();
        upMesh.close();
        downMesh.close();
    }

    @Test
    void shouldGiveASyncNestedCallTheRemainingBudgetLessTheMargin()
    {
        final UpCalls up = clientMesh.proxy(UpCalls.class, "up", 3_000);
        final long seen = up.nestedSync().join();
        assertTrue(seen > 0 && seen <= 3_000 - 5, "the nested call had " + seen + " ms; its own timeout is 30 s");
    }

    @Test
    void shouldRunAnAsyncCallsContinuationOnTheHandlersThreadWithTheRequestAndItsBudget()
    {
        final UpCalls up = clientMesh.proxy(UpCalls.class, "up", 3_000);
        final String[] parts = up.nestedAsync().join().split("\\|");
        assertEquals("procmesh-inbox-up-1", parts[0]);
        assertEquals("true", parts[1], "the request is re-entered for the continuation");
        final long seen = Long.parseLong(parts[2]);
        assertTrue(seen > 0 && seen <= 3_000 - 5, "the nested call had " + seen + " ms; its own timeout is 30 s");
    }

    @Test
    void shouldFailANestedCallAtOnceWhenTheRequestHasNoBudgetLeft() throws Exception
    {
        final UpCalls up = clientMesh.proxy(UpCalls.class, "up", 300);
        final Throwable callerFailure = assertThrows(CompletionException.class, () -> up.afterBudget(500).join());
        assertInstanceOf(ServiceTimeoutException.class, callerFailure.getCause());

        final String outcome = outcomes.poll(20, TimeUnit.SECONDS);
        assertTrue(outcome != null && outcome.startsWith("ServiceTimeoutException after "), String.valueOf(outcome));
        final long ms = Long.parseLong(outcome.replaceAll("\\D", ""));
        assertTrue(ms < 1_000, outcome);
        assertTrue(upMesh.slot().snapshot().timeouts() >= 1);
    }

    @Test
    void shouldRefuseToBlockTheHandlersThreadOnAnAsyncCallsFuture()
    {
        final UpCalls up = clientMesh.proxy(UpCalls.class, "up", 5_000);
        final Throwable failure = assertThrows(CompletionException.class, () -> up.joinInside().join()).getCause();
        final RemoteServiceException remote = assertInstanceOf(RemoteServiceException.class, failure);
        assertEquals(FailureCode.INTERNAL, remote.code());
        assertTrue(remote.getMessage().contains("IllegalStateException"), remote.getMessage());
    }

    @Test
    void shouldNotStartARequestWhoseDeadlinePassedWhileItWaited()
    {
        final DownCalls patient = clientMesh.proxy(DownCalls.class, "down", 10_000);
        final DownCalls hasty = clientMesh.proxy(DownCalls.class, "down", 200);
        final CompletableFuture<Void> blocking = patient.block(1_000);
        final CompletableFuture<Void> expired = hasty.record("expired");
        assertInstanceOf(ServiceTimeoutException.class,
            assertThrows(CompletionException.class, expired::join).getCause());

        blocking.join();
        patient.record("fresh").join();
        assertEquals(List.of("fresh"), down.recorded);
        Await.until(() -> downHost.slot().snapshot().timeouts() >= 1, Duration.ofSeconds(10),
            "the expired request was not counted as a timeout");
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
