package io.procmesh.benchmarks.launcher;

import io.procmesh.core.rpc.RpcClient;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady open-loop load for a take-over measurement: one call every {@code intervalUs}, sent whether or not the
 * previous ones were answered (a closed loop would stop sending while the service is gone and hide the gap). Each
 * answer is stamped with its send and completion times; failures are counted with their first messages.
 */
public final class SteadyCalls implements AutoCloseable
{
    private static final int MAX_FAILURE_TEXTS = 10;
    private final RpcClient client;
    private final String service;
    private final String operation;
    private final String argumentsJson;
    private final long timeoutMs;
    private final long intervalNs;
    private final ConcurrentLinkedQueue<long[]> answered = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failureTexts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final Thread sender;
    private volatile boolean running = true;

    public SteadyCalls(final RpcClient client, final String service, final String operation,
        final String argumentsJson, final long timeoutMs, final long intervalUs)
    {
        this.client = client;
        this.service = service;
        this.operation = operation;
        this.argumentsJson = argumentsJson;
        this.timeoutMs = timeoutMs;
        this.intervalNs = TimeUnit.MICROSECONDS.toNanos(intervalUs);
        this.sender = new Thread(this::send, "steady-calls");
        sender.setDaemon(true);
        sender.start();
    }

    private void send()
    {
        long nextNs = System.nanoTime();
        while (running)
        {
            final long sendNs = System.nanoTime();
            sent.incrementAndGet();
            client.callJson(service, operation, argumentsJson, timeoutMs).whenComplete((reply, error) ->
            {
                if (error == null)
                {
                    answered.add(new long[]{sendNs, System.nanoTime()});
                }
                else
                {
                    failed.incrementAndGet();
                    if (failureTexts.size() < MAX_FAILURE_TEXTS)
                    {
                        failureTexts.add(error.toString());
                    }
                }
                done.incrementAndGet();
            });
            nextNs += intervalNs;
            LockSupport.parkNanos(nextNs - System.nanoTime());
        }
    }

    /**
     * @return when the first call sent at or after {@code sentSinceNs} and answered at or after {@code
     * answeredSinceNs} was answered, or 0 if none has been yet.
     */
    public long firstAnswered(final long sentSinceNs, final long answeredSinceNs)
    {
        long first = 0;
        for (final long[] call : answered)
        {
            if (call[0] - sentSinceNs >= 0 && call[1] - answeredSinceNs >= 0 && (first == 0 || call[1] - first < 0))
            {
                first = call[1];
            }
        }
        return first;
    }

    /**
     * Drops what was answered before {@code ns}, so the next search stays short.
     */
    public void forgetBefore(final long ns)
    {
        answered.removeIf(call -> call[1] - ns < 0);
    }

    public int failed()
    {
        return failed.get();
    }

    public long sent()
    {
        return sent.get();
    }

    public String failureSamples()
    {
        return String.join("; ", failureTexts);
    }

    /**
     * Stops sending and waits, up to the call timeout and a second, until every call sent has ended.
     */
    @Override
    public void close() throws InterruptedException
    {
        running = false;
        sender.join(TimeUnit.MILLISECONDS.toMillis(timeoutMs) + 1_000);
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs + 1_000);
        while (done.get() < sent.get() && System.nanoTime() - deadlineNs < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
