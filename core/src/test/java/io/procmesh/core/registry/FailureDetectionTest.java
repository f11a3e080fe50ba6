package io.procmesh.core.registry;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoJvms;
import io.procmesh.core.test.Signals;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.core.test.ThreadStates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, adaptive failure detection, over a real service JVM read through the shared registry as every caller
 * reads it ({@link Liveness}): paused again and again for 100-300 ms with SIGSTOP (pauses like a collection's), it
 * is never suspected; stopped for good, three times, the phi-accrual detector suspects it each time before the fixed
 * rule ({@code procmesh.instanceStaleMs}, 1.5 s) would have, and before the launcher's 2 s hung timeout. Both
 * detection times are printed, measured from the last heartbeat before each stop.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FailureDetectionTest
{
    private static final long STALE_NS = TimeUnit.MILLISECONDS.toNanos(Configuration.INSTANCE_STALE_MS_DEFAULT);
    /**
     * A pause the test meant to last at most 300 ms but that its own thread, descheduled on a loaded host, let run
     * longer than this is not held against the detector.
     */
    private static final long LONGEST_FAIR_PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(800);

    private static final int STOPS = 3;
    /**
     * A stop shows in the instance's own intervals once resumed (phi accrual learns that it pauses); about 60 beats
     * bring the deviation back to the floor, so each stop is measured on a steady beat again.
     */
    private static final long CALM_MS = 4_000;

    private final Path dataDir = TestDirectories.create("failure-detection");
    private final EchoJvms echoes = new EchoJvms(dataDir);
    private ChildJvm service;

    @AfterEach
    void cleanUp()
    {
        echoes.close();
    }

    @Test
    void shouldNotSuspectAJitteringInstanceAndSuspectAStoppedOneBeforeTheFixedRule() throws Exception
    {
        service = echoes.start();
        try (Registry registry = Registry.open(new DataDirectory(dataDir).registryFile(), 64))
        {
            final InstanceSlot slot = registry.attach("echo-1");
            Await.until(() -> Liveness.isLive(slot, System.nanoTime(), STALE_NS), Duration.ofSeconds(10), "live");

            final List<long[]> pauses = new ArrayList<>();
            final List<Long> suspicions = new ArrayList<>();
            final long jitterEndNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            while (System.nanoTime() - jitterEndNs < 0)
            {
                final long stopNs = System.nanoTime();
                Signals.require(service.pid(), "STOP");
                final long pauseEndNs = stopNs + TimeUnit.MILLISECONDS.toNanos(
                    ThreadLocalRandom.current().nextLong(100, 301));
                watch(slot, pauseEndNs, suspicions);
                Signals.require(service.pid(), "CONT");
                pauses.add(new long[] {stopNs, System.nanoTime()});
                watch(slot, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                    ThreadLocalRandom.current().nextLong(150, 400)), suspicions);
            }
            final long longestMs = pauses.stream().mapToLong(p -> p[1] - p[0]).max().orElse(0) / 1_000_000;
            final long intervals = slot.heartbeatIntervals();
            System.out.println("FAILURE DETECTION: " + pauses.size() + " pauses of 100-300 ms (longest " + longestMs +
                " ms as the test saw it), " + suspicions.size() + " suspicions; heartbeat intervals now mean " +
                HeartbeatIntervals.meanUs(intervals) / 1000 + " ms, deviation " +
                HeartbeatIntervals.stdDevUs(intervals) / 1000 + " ms");
            assertTrue(pauses.size() >= 5, pauses.size() + " pauses");
            for (final long suspectedNs : suspicions)
            {
                assertTrue(pauses.stream().anyMatch(p -> p[0] <= suspectedNs && suspectedNs <= p[1] &&
                    p[1] - p[0] > LONGEST_FAIR_PAUSE_NS), "suspected during a pause of at most 300 ms (" +
                    longestMs + " ms at most as the test saw it)");
            }

            final long[] phiMs = new long[STOPS];
            final long[] fixedMs = new long[STOPS];
            for (int i = 0; i < STOPS; i++)
            {
                Await.sleep(CALM_MS);
                final long[] detected = stopForGood(slot);
                phiMs[i] = detected[0];
                fixedMs[i] = detected[1];
                assertTrue(phiMs[i] < fixedMs[i], "phi " + phiMs[i] + " ms, fixed " + fixedMs[i] + " ms");
                assertTrue(phiMs[i] < 1_500, "suspected " + phiMs[i] + " ms after its last heartbeat");
            }
            Arrays.sort(phiMs);
            Arrays.sort(fixedMs);
            System.out.println("FAILURE DETECTION: " + STOPS + " stops for good, from the last heartbeat to " +
                "suspected by phi (threshold " + PhiAccrual.CONFIGURED.threshold() + "): p50 " + phiMs[STOPS / 2] +
                " ms, max " + phiMs[STOPS - 1] + " ms; to stale by the fixed rule (procmesh.instanceStaleMs " +
                STALE_NS / 1_000_000 + "): p50 " + fixedMs[STOPS / 2] + " ms, max " + fixedMs[STOPS - 1] + " ms");
        }
    }

    /**
     * Stops the service, measures from its last heartbeat until each rule gives it up, and resumes it once both
     * did and it is live again.
     *
     * @return milliseconds until suspected by phi, and until stale by the fixed rule.
     */
    private long[] stopForGood(final InstanceSlot slot)
    {
        Signals.require(service.pid(), "STOP");
        ThreadStates.awaitStopped(service.pid(), Duration.ofSeconds(10));
        final long lastBeatNs = slot.heartbeatNs();
        long suspectedNs = 0;
        long staleNs = 0;
        final long giveUpNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((suspectedNs == 0 || staleNs == 0) && System.nanoTime() - giveUpNs < 0)
        {
            final long nowNs = System.nanoTime();
            if (suspectedNs == 0 && !Liveness.isLive(slot, nowNs, STALE_NS))
            {
                suspectedNs = nowNs;
            }
            if (staleNs == 0 && !Liveness.isFresh(slot.heartbeatNs(), nowNs, STALE_NS))
            {
                staleNs = nowNs;
            }
            LockSupport.parkNanos(1_000_000);
        }
        Signals.require(service.pid(), "CONT");
        assertTrue(suspectedNs != 0 && staleNs != 0, "both rules gave it up within 10 s");
        Await.until(() -> Liveness.isLive(slot, System.nanoTime(), STALE_NS), Duration.ofSeconds(10), "live again");
        return new long[] {(suspectedNs - lastBeatNs) / 1_000_000, (staleNs - lastBeatNs) / 1_000_000};
    }

    /**
     * Polls the slot until {@code untilNs}, noting when the instance first stops being live in each stretch.
     */
    private static void watch(final InstanceSlot slot, final long untilNs, final List<Long> suspicions)
    {
        boolean suspected = false;
        long nowNs;
        while ((nowNs = System.nanoTime()) - untilNs < 0)
        {
            if (!suspected && !Liveness.isLive(slot, nowNs, STALE_NS))
            {
                suspected = true;
                suspicions.add(nowNs);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }
}
