package io.procmesh.core.registry;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The phi-accrual detector over published heartbeat intervals: φ by the logistic approximation, the suspicion age
 * the per-call test uses agreeing with φ itself, a steady beat suspected sooner than a jittering one, and no
 * suspicion without a threshold or without intervals.
 */
class PhiAccrualTest
{
    private static final long NOW_NS = TimeUnit.SECONDS.toNanos(1_000);
    private static final PhiAccrual DETECTOR = new PhiAccrual(8, 500, 100);

    @Test
    void shouldGrowFromAHalfChanceAtTheMean()
    {
        assertEquals(Math.log10(2), PhiAccrual.phi(0), 1e-9, "at the mean a later beat is a coin toss");
        double previous = PhiAccrual.phi(-5);
        for (double y = -4.9; y < 12; y += 0.1)
        {
            final double phi = PhiAccrual.phi(y);
            assertTrue(phi > previous, "phi grows with lateness, at y " + y);
            previous = phi;
        }
        assertEquals(8, PhiAccrual.phi(PhiAccrual.deviationsFor(8)), 1e-6);
        assertEquals(12, PhiAccrual.phi(PhiAccrual.deviationsFor(12)), 1e-6);
    }

    @Test
    void shouldSuspectASteadyBeatAtTheAgeWherePhiReachesTheThreshold()
    {
        final long intervals = steady(50, 200);
        assertEquals(50_000, HeartbeatIntervals.meanUs(intervals), 100);
        final long suspectAfterMs = DETECTOR.suspectAfterMs(intervals);
        // 50 ms mean + 500 ms allowed pause + about 5.2 deviations of the 100 ms floor.
        assertTrue(suspectAfterMs > 1_000 && suspectAfterMs < 1_150, "suspected from " + suspectAfterMs + " ms");
        final long justBeforeNs = NOW_NS - TimeUnit.MILLISECONDS.toNanos(suspectAfterMs - 2);
        final long justAfterNs = NOW_NS - TimeUnit.MILLISECONDS.toNanos(suspectAfterMs + 2);
        assertFalse(DETECTOR.isSuspected(justBeforeNs, intervals, NOW_NS));
        assertTrue(DETECTOR.phi(justBeforeNs, intervals, NOW_NS) < 8);
        assertTrue(DETECTOR.isSuspected(justAfterNs, intervals, NOW_NS));
        assertTrue(DETECTOR.phi(justAfterNs, intervals, NOW_NS) >= 8);
        assertTrue(DETECTOR.phi(NOW_NS - TimeUnit.MILLISECONDS.toNanos(50), intervals, NOW_NS) < 0.1,
            "a beat on time is no suspicion at all");
    }

    @Test
    void shouldAllowMoreForABeatThatJitters()
    {
        final long steadyAfterMs = DETECTOR.suspectAfterMs(steady(50, 200));
        // Collection-like pauses of 100-300 ms every fifth beat: within the deviation floor, never suspected.
        final long mild = jittering(5, 100, 300);
        assertTrue(DETECTOR.suspectAfterMs(mild) >= steadyAfterMs);
        assertFalse(DETECTOR.isSuspected(NOW_NS - TimeUnit.MILLISECONDS.toNanos(300), mild, NOW_NS),
            "a 300 ms pause is never suspected");
        // Pauses of 200-600 ms every third beat: the beat's own deviation, above the floor, moves suspicion later.
        final long heavy = jittering(3, 200, 600);
        assertTrue(HeartbeatIntervals.stdDevUs(heavy) > 100_000, "deviation " +
            HeartbeatIntervals.stdDevUs(heavy) + " us");
        assertTrue(DETECTOR.suspectAfterMs(heavy) > steadyAfterMs + 200,
            DETECTOR.suspectAfterMs(heavy) + " ms vs steady " + steadyAfterMs + " ms");
    }

    private static long jittering(final int every, final long minPauseMs, final long maxPauseMs)
    {
        final HeartbeatIntervals jittering = new HeartbeatIntervals(50);
        long intervals = 0;
        for (int i = 0; i < 300; i++)
        {
            final long ms = i % every == every - 1 ? minPauseMs + (i * 37) % (maxPauseMs - minPauseMs + 1) : 50;
            intervals = jittering.observe(TimeUnit.MILLISECONDS.toNanos(ms));
        }
        return intervals;
    }

    @Test
    void shouldNeverSuspectWithoutAThresholdOrIntervals()
    {
        final long longAgoNs = NOW_NS - TimeUnit.SECONDS.toNanos(100);
        assertFalse(new PhiAccrual(0, 500, 100).isSuspected(longAgoNs, steady(50, 10), NOW_NS));
        assertFalse(DETECTOR.isSuspected(longAgoNs, 0, NOW_NS), "an instance that never published its intervals");
        assertFalse(DETECTOR.isSuspected(0, steady(50, 10), NOW_NS), "an instance that never beat");
        assertEquals(0, DETECTOR.phi(longAgoNs, 0, NOW_NS));
    }

    private static long steady(final long intervalMs, final int beats)
    {
        final HeartbeatIntervals steady = new HeartbeatIntervals(intervalMs);
        long intervals = steady.packed();
        for (int i = 0; i < beats; i++)
        {
            intervals = steady.observe(TimeUnit.MILLISECONDS.toNanos(intervalMs));
        }
        return intervals;
    }
}
