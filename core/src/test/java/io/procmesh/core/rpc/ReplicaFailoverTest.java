package io.procmesh.core.rpc;

import io.procmesh.core.Procmesh;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoJvms;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: two replicas of a service under continuous load from this JVM; one is killed with kill -9. The load
 * goes to the survivor, calls in flight to the dead one end at once (an {@link Idempotent} one by a retry on the
 * survivor, any other with a clear error), and against what each replica recorded no acknowledged request is lost
 * or run twice. A replacement replica then takes load again.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReplicaFailoverTest
{
    private static final int CALLERS = 16;
    private static final long TIMEOUT_MS = 5_000;

    private final Path dataDir = TestDirectories.create("failover");
    private final EchoJvms echoes = new EchoJvms(dataDir);
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final List<Throwable> idempotentFailures = new CopyOnWriteArrayList<>();
    private final List<Throwable> otherFailures = new CopyOnWriteArrayList<>();
    private final Map<String, Throwable> failedTokens = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger acks = new AtomicInteger();

    @Test
    void shouldMoveTheLoadToTheSurvivorAndLoseOrDuplicateNoAcknowledgedRequest() throws Exception
    {
        final List<Thread> callers = new ArrayList<>();
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("caller-1")))
        {
            try
            {
                run(mesh, callers);
            }
            finally
            {
                // Before the client closes: a call it fails on closing is no failure of the replicas.
                running.set(false);
                for (final Thread thread : callers)
                {
                    thread.join(TIMEOUT_MS * 2);
                }
            }
        }
        finally
        {
            echoes.close();
        }
        assertOnlyClearFailuresAndEveryAcknowledgedRequestRunOnce();
    }

    private void run(final Procmesh mesh, final List<Thread> callers)
    {
        echoes.start("echo-1", "handled-1.txt");
        final ChildJvm second = echoes.start("echo-2", "handled-2.txt");
        final EchoApi api = mesh.proxy(EchoApi.class, "echo", TIMEOUT_MS);
        for (int c = 0; c < CALLERS; c++)
        {
            final int caller = c;
            final Thread thread = new Thread(() -> callInALoop(api, caller), "caller-" + c);
            thread.start();
            callers.add(thread);
        }
        Await.until(() -> echoes.lines("handled-1.txt") > 100 && echoes.lines("handled-2.txt") > 100, Duration.ofSeconds(60),
            () -> "both replicas take load before the kill: " + lineCounts());

        // Stopped first, so that calls pile up on it (its heartbeat stays fresh for 300 ms): at the kill, calls of
        // both kinds are in flight to it, whatever the timing of the machine.
        second.signal("STOP");
        Await.sleep(300);
        second.kill9();
        second.waitForExit(Duration.ofSeconds(10));
        final long survivorAtKill = echoes.lines("handled-1.txt");
        final int acksAtKill = acks.get();
        Await.until(() -> acks.get() > acksAtKill + 500, Duration.ofSeconds(30),
            () -> "calls go on succeeding after the kill: " + acks.get() + " acknowledged");
        assertTrue(echoes.lines("handled-1.txt") > survivorAtKill + 400, "the survivor took the load: " + lineCounts());

        echoes.start("echo-2", "handled-2b.txt");
        Await.until(() -> echoes.lines("handled-2b.txt") > 100, Duration.ofSeconds(60),
            () -> "the replacement takes load again: " + lineCounts());
    }

    private void assertOnlyClearFailuresAndEveryAcknowledgedRequestRunOnce() throws IOException
    {
        final Map<String, Integer> runs = new HashMap<>();
        for (final String file : List.of("handled-1.txt", "handled-2.txt", "handled-2b.txt"))
        {
            for (final String token : Files.readAllLines(dataDir.resolve(file)))
            {
                runs.merge(token, 1, Integer::sum);
            }
        }
        assertTrue(idempotentFailures.isEmpty(), () -> "idempotent calls fail over by a retry: " +
            idempotentFailures.size() + " failed, the first " + idempotentFailures.get(0));
        for (final Throwable failure : otherFailures)
        {
            assertTrue(failure instanceof ServiceUnavailableException &&
                failure.getMessage().contains("instance 'echo-2' died") &&
                failure.getMessage().contains("not @Idempotent"), "a clear error: " + failure);
        }
        assertTrue(!otherFailures.isEmpty(), "some plain calls were in flight at the kill");
        for (final String token : acknowledged)
        {
            final int count = runs.getOrDefault(token, 0);
            assertTrue(count >= 1, "acknowledged but never run: " + token);
            if (token.startsWith("plain"))
            {
                assertEquals(1, count, "a plain request ran " + count + " times: " + token);
            }
        }
        for (final Map.Entry<String, Integer> run : runs.entrySet())
        {
            assertTrue(sent.contains(run.getKey()), "ran but never sent: " + run.getKey());
            if (run.getKey().startsWith("plain"))
            {
                assertEquals(1, run.getValue(), "a plain request ran twice: " + run.getKey());
            }
        }
    }

    private String lineCounts()
    {
        return "echo-1 " + echoes.lines("handled-1.txt") + ", echo-2 " + echoes.lines("handled-2.txt") + ", echo-2 again " +
            echoes.lines("handled-2b.txt") + ", acknowledged " + acks.get() + ", failed " + failedTokens.size();
    }

    private void callInALoop(final EchoApi api, final int caller)
    {
        // Half the callers call the idempotent operation, half the plain one: a stuck caller is of either kind.
        final boolean idempotent = caller % 2 == 0;
        for (int n = 0; running.get(); n++)
        {
            final String token = (idempotent ? "idem-" : "plain-") + caller + "-" + n;
            sent.add(token);
            try
            {
                if (idempotent)
                {
                    api.recordIdempotently(token);
                }
                else
                {
                    api.recordSlowly(token);
                }
                acknowledged.add(token);
                acks.incrementAndGet();
            }
            catch (final RuntimeException ex)
            {
                failedTokens.put(token, ex);
                (idempotent ? idempotentFailures : otherFailures).add(ex);
            }
        }
    }
}
