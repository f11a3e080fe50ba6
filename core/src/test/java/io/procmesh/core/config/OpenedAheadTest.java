package io.procmesh.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpenedAheadTest
{
    private static final Path FILE = Path.of("ahead", "inbox");

    @Test
    void shouldNotCallTheOpenerWhenTheFileWasOpenedAheadAlready()
    {
        final OpenedAhead<Resource> ahead = new OpenedAhead<>();
        final Resource first = new Resource();

        assertTrue(ahead.openIfAbsent(FILE, () -> first));
        // The same file by another spelling: keys are absolute and normalized.
        assertFalse(ahead.openIfAbsent(Path.of("ahead", ".", "inbox").toAbsolutePath(),
            () -> fail("opener called for a file already opened ahead")));

        assertSame(first, ahead.take(FILE));
        assertFalse(first.closed());
    }

    @Test
    void shouldKeepNothingWhenTheOpenerThrows()
    {
        final OpenedAhead<Resource> ahead = new OpenedAhead<>();
        final IllegalStateException failure = new IllegalStateException("cannot map");

        final IllegalStateException thrown = assertThrows(IllegalStateException.class,
            () -> ahead.openIfAbsent(FILE, () ->
            {
                throw failure;
            }));

        assertSame(failure, thrown);
        assertNull(ahead.take(FILE));
        final Resource retried = new Resource();
        assertTrue(ahead.openIfAbsent(FILE, () -> retried), "a failed open must not block the next one");
        assertSame(retried, ahead.take(FILE));
    }

    @Test
    void shouldKeepOneOfConcurrentOpensAndCloseEveryOther() throws Exception
    {
        final int callers = 4;
        final OpenedAhead<Resource> ahead = new OpenedAhead<>();
        final CyclicBarrier start = new CyclicBarrier(callers);
        // Each opener waits (bounded) for the others to be inside theirs too, so every caller passes the check for
        // an existing resource before any puts one: the race the loser's close is for.
        final CountDownLatch allOpening = new CountDownLatch(callers);
        final List<Resource> opened = new ArrayList<>();
        final ExecutorService pool = Executors.newFixedThreadPool(callers);
        try
        {
            final List<Future<Boolean>> kept = new ArrayList<>();
            for (int i = 0; i < callers; i++)
            {
                kept.add(pool.submit(() ->
                {
                    start.await(10, TimeUnit.SECONDS);
                    return ahead.openIfAbsent(FILE, () ->
                    {
                        final Resource resource = new Resource();
                        synchronized (opened)
                        {
                            opened.add(resource);
                        }
                        allOpening.countDown();
                        awaitQuietly(allOpening);
                        return resource;
                    });
                }));
            }
            int winners = 0;
            for (final Future<Boolean> result : kept)
            {
                winners += result.get(20, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertEquals(1, winners);
            final Resource taken = ahead.take(FILE);
            assertFalse(taken.closed());
            for (final Resource resource : opened)
            {
                assertEquals(resource != taken, resource.closed(), "only the kept resource may stay open");
            }
            assertEquals(0, ahead.closeUntaken(ex -> fail(ex)));
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldReportAFailureToCloseASecondOpen()
    {
        final OpenedAhead<Resource> ahead = new OpenedAhead<>();
        final Resource kept = new Resource();
        final Resource secondOpen = new Resource()
        {
            @Override
            public void close()
            {
                super.close();
                throw new IllegalStateException("unmap failed");
            }
        };

        final IllegalStateException thrown = assertThrows(IllegalStateException.class,
            () -> ahead.openIfAbsent(FILE, () ->
            {
                // Another caller's open lands while this one maps the file.
                assertTrue(ahead.put(FILE, kept));
                return secondOpen;
            }));

        assertEquals("unmap failed", thrown.getCause().getMessage());
        assertTrue(secondOpen.closed());
        assertSame(kept, ahead.take(FILE));
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            // Bounded: an implementation that opens under its lock lets only one caller in, which is also correct.
            latch.await(2, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static class Resource implements AutoCloseable
    {
        private final AtomicInteger closes = new AtomicInteger();

        boolean closed()
        {
            return closes.get() > 0;
        }

        @Override
        public void close()
        {
            closes.incrementAndGet();
        }
    }
}
