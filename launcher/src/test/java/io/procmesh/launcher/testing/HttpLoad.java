package io.procmesh.launcher.testing;

import io.procmesh.core.test.HttpResult;
import io.procmesh.core.test.HttpTestClient;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Continuous load over real HTTP from one thread: the same POST again and again, each answer counted by its body and
 * each failure (not 200, or no answer) kept with the local time it was sent, the slowest request noted, until {@link #close()}. Counts are read and reset between phases of a
 * test with {@link #take()}.
 */
public final class HttpLoad implements AutoCloseable
{
    /**
     * What the load saw since the last take: answers by body, and the failures as status and body.
     */
    public record Seen(Map<String, Integer> answers, List<String> failures, long slowestMs, String slowestAt)
    {
        public int total()
        {
            return answers.values().stream().mapToInt(Integer::intValue).sum() + failures.size();
        }
    }

    private final HttpTestClient http;
    private final String path;
    private final String body;
    private final Thread thread;
    private volatile boolean running = true;
    private Map<String, Integer> answers = new TreeMap<>();
    private List<String> failures = new ArrayList<>();
    private long slowestNs;
    private String slowestAt = "";

    private HttpLoad(final int port, final String path, final String body)
    {
        this.http = HttpTestClient.local(port, Duration.ofSeconds(5), Duration.ofSeconds(20));
        this.path = path;
        this.body = body;
        this.thread = new Thread(this::run, "http-load");
        thread.setDaemon(true);
    }

    public static HttpLoad start(final int port, final String path, final String body)
    {
        final HttpLoad load = new HttpLoad(port, path, body);
        load.thread.start();
        return load;
    }

    private void run()
    {
        while (running)
        {
            HttpResult result;
            final long startNs = System.nanoTime();
            final String startedAt = LocalTime.now().toString();
            try
            {
                result = http.post(path, body);
            }
            catch (final RuntimeException ex)
            {
                result = null;
                record(null, ex + " (sent at " + startedAt + ")", startNs, startedAt);
            }
            if (result != null)
            {
                record(result.status() == 200 ? result.body().trim() : null,
                    result.status() + " " + result.body() + " (sent at " + startedAt + ")", startNs, startedAt);
            }
            // A steady stream, not a spin: the JVMs under test share two cores with this one.
            sleep();
        }
    }

    private synchronized void record(final String answer, final String failure, final long startNs,
        final String startedAt)
    {
        final long tookNs = System.nanoTime() - startNs;
        if (tookNs > slowestNs)
        {
            slowestNs = tookNs;
            slowestAt = startedAt;
        }
        if (answer != null)
        {
            answers.merge(answer, 1, Integer::sum);
        }
        else
        {
            failures.add(failure);
        }
    }

    /**
     * @return what was seen since the last take, and starts counting afresh.
     */
    public synchronized Seen take()
    {
        final Seen seen = new Seen(answers, failures, TimeUnit.NANOSECONDS.toMillis(slowestNs), slowestAt);
        answers = new TreeMap<>();
        failures = new ArrayList<>();
        slowestNs = 0;
        slowestAt = "";
        return seen;
    }

    private static void sleep()
    {
        try
        {
            Thread.sleep(2);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(30_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
