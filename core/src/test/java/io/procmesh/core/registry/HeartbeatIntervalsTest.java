package io.procmesh.core.registry;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heartbeat thread's estimate of its own intervals: packed as mean and deviation in microseconds, starting from
 * the configured interval, following what it observes.
 */
class HeartbeatIntervalsTest
{
    @Test
    void shouldPackMeanAndDeviationInOneWord()
    {
        final long packed = HeartbeatIntervals.pack(1_234_567, 89_012);
        assertEquals(1_234_567, HeartbeatIntervals.meanUs(packed));
        assertEquals(89_012, HeartbeatIntervals.stdDevUs(packed));
        final long huge = HeartbeatIntervals.pack(1e12, 1e12);
        assertEquals(0xFFFF_FFFFL, HeartbeatIntervals.meanUs(huge), "clamped, never spilling into the deviation");
        assertEquals(0xFFFF_FFFFL, HeartbeatIntervals.stdDevUs(huge));
        assertTrue(HeartbeatIntervals.pack(0, 0) != 0, "a published estimate is never 0, which means none");
    }

    @Test
    void shouldFollowTheIntervalsItObserves()
    {
        final HeartbeatIntervals intervals = new HeartbeatIntervals(50);
        assertEquals(50_000, HeartbeatIntervals.meanUs(intervals.packed()));
        assertEquals(12_500, HeartbeatIntervals.stdDevUs(intervals.packed()));
        long packed = 0;
        for (int i = 0; i < 400; i++)
        {
            packed = intervals.observe(TimeUnit.MILLISECONDS.toNanos(i % 2 == 0 ? 80 : 120));
        }
        assertEquals(100_000, HeartbeatIntervals.meanUs(packed), 3_000);
        assertEquals(20_000, HeartbeatIntervals.stdDevUs(packed), 2_000);
    }
}
