package io.procmesh.launcher.gateway;

import io.micrometer.core.instrument.Meter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Issue 9 item 18d: the generic proxy's cap on call metric series holds under concurrent first calls.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayMetricsTest
{
    private static final int CAP = 4;
    private static final int THREADS = 8;
    private static final int ROUNDS = 200;

    @Test
    void shouldNeverCreateMoreDedicatedProxySeriesThanTheCapUnderConcurrentFirstCalls() throws Exception
    {
        for (int round = 0; round < ROUNDS; round++)
        {
            try (GatewayMetrics metrics = new GatewayMetrics(CAP))
            {
                final CyclicBarrier start = new CyclicBarrier(THREADS);
                final AtomicReference<Throwable> failure = new AtomicReference<>();
                final Thread[] threads = new Thread[THREADS];
                for (int t = 0; t < THREADS; t++)
                {
                    final String operation = "op" + t;
                    threads[t] = new Thread(() ->
                    {
                        try
                        {
                            start.await();
                            metrics.proxyCallMetrics("svc", operation);
                        }
                        catch (final Throwable error)
                        {
                            failure.set(error);
                        }
                    });
                    threads[t].start();
                }
                for (final Thread thread : threads)
                {
                    thread.join();
                }
                assertNull(failure.get());
                assertEquals(CAP, dedicatedSeries(metrics), "round " + round);
            }
        }
    }

    @Test
    void shouldShareOneOtherSeriesPastTheCapAndKeepExistingOnes()
    {
        try (GatewayMetrics metrics = new GatewayMetrics(2))
        {
            final CallMetrics first = metrics.proxyCallMetrics("svc", "a");
            metrics.proxyCallMetrics("svc", "b");
            final CallMetrics other = metrics.proxyCallMetrics("svc", "c");

            assertSame(other, metrics.proxyCallMetrics("svc", "d"));
            assertSame(first, metrics.proxyCallMetrics("svc", "a"));
            assertEquals(2, dedicatedSeries(metrics));
        }
    }

    private static long dedicatedSeries(final GatewayMetrics metrics)
    {
        return metrics.registry().getMeters().stream()
            .map(Meter::getId)
            .filter(id -> id.getName().equals(CallMetrics.CALLS))
            .filter(id -> !GatewayMetrics.OTHER_OPERATION.equals(id.getTag("operation")))
            .count();
    }
}
