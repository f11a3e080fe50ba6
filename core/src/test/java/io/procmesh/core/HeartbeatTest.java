package io.procmesh.core;

import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 item 5: heartbeats run as an agent on their own named thread, stamp the slot and run the added tasks at
 * the interval, and close stops that thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeartbeatTest
{
    private static final String THREAD = "procmesh-heartbeat-caller-1";

    @Test
    void shouldStampAndRunTasksOnTheHeartbeatThreadUntilClosed() throws InterruptedException
    {
        final Set<String> taskThreads = ConcurrentHashMap.newKeySet();
        final CountDownLatch beats = new CountDownLatch(3);
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context()
            .dataDir(TestDirectories.create("heartbeat")).instanceId("caller-1").heartbeatIntervalMs(20)))
        {
            final long connectedBeatNs = mesh.slot().heartbeatNs();
            mesh.onHeartbeat(() ->
            {
                taskThreads.add(Thread.currentThread().getName());
                beats.countDown();
            });

            assertTrue(beats.await(30, TimeUnit.SECONDS), "three beats ran the task");
            assertEquals(Set.of(THREAD), taskThreads);
            assertTrue(mesh.slot().heartbeatNs() - connectedBeatNs > 0, "the slot was stamped again");
            assertTrue(threadNamed(THREAD));
        }
        assertFalse(threadNamed(THREAD), "close stopped the heartbeat thread");
    }

    private static boolean threadNamed(final String name)
    {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().equals(name));
    }
}
