package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.event.EventPublisher;
import io.procmesh.core.rpc.FailureCode;
import io.procmesh.core.rpc.RemoteServiceException;
import io.procmesh.core.rpc.ServiceException;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Handlers returning {@link CompletableFuture}, in one JVM: the reply goes out when the future completes, from any
 * thread, while the read loop serves other requests; failures map as thrown ones do; a future never completed
 * times out at its caller; close waits for owed replies up to its timeout and counts the rest.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncHandlerTest
{
    /**
     * The service under test: {@code later} answers with a future the test completes.
     */
    public interface LaterApi
    {
        CompletableFuture<String> later(String key);

        String now(String text);
    }

    /**
     * The caller's view: both operations asynchronous, so the test can have several in flight.
     */
    public interface LaterCalls
    {
        CompletableFuture<String> later(String key);

        CompletableFuture<String> now(String text);
    }

    static final class LaterService implements LaterApi
    {
        final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
        final List<String> handled = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<String> later(final String key)
        {
            handled.add(key);
            return pending.computeIfAbsent(key, k -> new CompletableFuture<>());
        }

        @Override
        public String now(final String text)
        {
            handled.add(text);
            return "now:" + text;
        }

        CompletableFuture<String> future(final String key)
        {
            return Await.value(() -> pending.get(key), f -> f != null, Duration.ofSeconds(20), key + " not handled");
        }
    }

    private Path dir;
    private final List<Throwable> serviceErrors = new CopyOnWriteArrayList<>();
    private final LaterService service = new LaterService();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private Procmesh serviceMesh;
    private ServiceHost host;
    private Procmesh clientMesh;
    private LaterCalls calls;

    @BeforeEach
    void setUp()
    {
        dir = TestDirectories.create("async-handler");
        clientMesh = Procmesh.connect(new Procmesh.Context().dataDir(dir).serviceName("client").instanceId("client-1"));
        calls = clientMesh.proxy(LaterCalls.class, "later", 10_000);
    }

    private void startService(final long shutdownTimeoutMs, final int maxAsyncReplies)
    {
        serviceMesh = Procmesh.connect(new Procmesh.Context().dataDir(dir).serviceName("later").instanceId("later-1")
            .errorHandler(serviceErrors::add));
        host = ServiceHost.launch(new ServiceHost.Context().mesh(serviceMesh).handler(LaterApi.class, service)
            .subscribe("ticks", String.class, events::add)
            .shutdownTimeoutMs(shutdownTimeoutMs).maxAsyncReplies(maxAsyncReplies));
    }

    @AfterEach
    void tearDown()
    {
        if (host != null)
        {
            host.close();
        }
        if (serviceMesh != null)
        {
            serviceMesh.close();
        }
        clientMesh.close();
    }

    @Test
    void shouldReplyWhenTheFutureCompletesFromAnotherThreadWhileServingOtherRequests() throws Exception
    {
        startService(5_000, 64);
        final CompletableFuture<String> reply = calls.later("a");
        final CompletableFuture<String> owed = service.future("a");

        // The loop moved on: a later request is answered while "a" is owed.
        assertEquals("now:b", calls.now("b").get(10, TimeUnit.SECONDS));
        assertFalse(reply.isDone());

        final Thread completer = new Thread(() -> owed.complete("done:a"), "test-completer");
        completer.start();
        completer.join();
        assertEquals("done:a", reply.get(10, TimeUnit.SECONDS));
        assertEquals(0, host.slot().snapshot().errors());
    }

    @Test
    void shouldMapAFailedFutureAsAThrownException() throws Exception
    {
        startService(5_000, 64);
        final CompletableFuture<String> notFound = calls.later("nf");
        service.future("nf").completeExceptionally(ServiceException.notFound("no such thing"));
        assertEquals(FailureCode.NOT_FOUND, remoteFailure(notFound).code());

        // A stage of a chain wraps what it throws in CompletionException: the caller still gets the cause.
        final CompletableFuture<String> wrapped = calls.later("wrapped");
        service.future("wrapped").completeExceptionally(
            new CompletionException(ServiceException.invalid("field", "bad value")));
        final RemoteServiceException invalid = remoteFailure(wrapped);
        assertEquals(FailureCode.INVALID_ARGUMENT, invalid.code());
        assertEquals("field", invalid.field());

        final CompletableFuture<String> internal = calls.later("boom");
        service.future("boom").completeExceptionally(new IllegalStateException("broken"));
        final RemoteServiceException error = remoteFailure(internal);
        assertEquals(FailureCode.INTERNAL, error.code());
        assertTrue(error.getMessage().contains("IllegalStateException") && error.getMessage().contains("broken"),
            error.getMessage());
    }

    @Test
    void shouldLetTheCallerTimeOutOnAFutureNeverCompleted() throws Exception
    {
        startService(5_000, 64);
        final LaterCalls impatient = clientMesh.proxy(LaterCalls.class, "later", 300);
        final CompletableFuture<String> reply = impatient.later("never");
        final Throwable failure = assertThrows(CompletionException.class, reply::join).getCause();
        assertInstanceOf(ServiceTimeoutException.class, failure);
        assertEquals("now:still", calls.now("still").get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldTakeNoNewRequestWhileTheLimitOfOwedRepliesIsReached() throws Exception
    {
        startService(5_000, 1);
        final CompletableFuture<String> reply = calls.later("first");
        final CompletableFuture<String> owed = service.future("first");
        final CompletableFuture<String> waiting = calls.now("second");
        Thread.sleep(300);
        assertFalse(waiting.isDone());
        assertFalse(service.handled.contains("second"));

        owed.complete("ok");
        assertEquals("ok", reply.get(10, TimeUnit.SECONDS));
        assertEquals("now:second", waiting.get(10, TimeUnit.SECONDS));
    }

    /**
     * What issue 11 asks of a service whose handler waits on a stopped dependency: its read loop still serves
     * topic events, even at the limit of owed replies, where it takes no new request.
     */
    @Test
    void shouldHandleTopicEventsWhileRepliesAreOwedAtTheLimit() throws Exception
    {
        startService(5_000, 1);
        final CompletableFuture<String> reply = calls.later("blocked");
        final CompletableFuture<String> owed = service.future("blocked");
        final EventPublisher ticks = clientMesh.publisher("ticks");
        for (int i = 0; i < 5; i++)
        {
            ticks.publish("tick-" + i);
        }
        Await.until(() -> events.size() == 5, Duration.ofSeconds(20), () -> "events handled: " + events);
        assertEquals(List.of("tick-0", "tick-1", "tick-2", "tick-3", "tick-4"), events);
        assertFalse(reply.isDone(), "the reply is still owed while the events are handled");

        owed.complete("unblocked");
        assertEquals("unblocked", reply.get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldSendRepliesCompletedWithinTheShutdownTimeoutAndCountTheRest() throws Exception
    {
        startService(1_500, 64);
        final CompletableFuture<String> answered = calls.later("answered");
        final CompletableFuture<String> abandoned = calls.later("abandoned");
        final CompletableFuture<String> answeredOwed = service.future("answered");
        final CompletableFuture<String> abandonedOwed = service.future("abandoned");

        final Thread completer = new Thread(() ->
        {
            sleepMs(300);
            answeredOwed.complete("in time");
        }, "test-completer");
        completer.start();
        final long startNs = System.nanoTime();
        host.close();
        final long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        completer.join();

        assertEquals("in time", answered.get(10, TimeUnit.SECONDS));
        assertTrue(closeMs >= 1_000 && closeMs < 10_000, "close took " + closeMs + " ms");
        assertEquals(1, host.slot().snapshot().errors());
        assertTrue(serviceErrors.stream().anyMatch(e -> String.valueOf(e.getMessage())
            .contains("1 async reply was still owed")), serviceErrors.toString());

        // Completing it after close writes nothing (the reply queues are closed): the task is dropped and counted.
        abandonedOwed.complete("too late");
        assertEquals(1, host.droppedAsyncReplies());
        assertFalse(abandoned.isDone());
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

    private static RemoteServiceException remoteFailure(final CompletableFuture<String> reply)
    {
        final Throwable failure = assertThrows(CompletionException.class, reply::join).getCause();
        return assertInstanceOf(RemoteServiceException.class, failure);
    }
}
