package io.procmesh.launcher.health;

import org.junit.jupiter.api.Test;

import static io.procmesh.launcher.health.ProgressTracker.Progress.MOVING;
import static io.procmesh.launcher.health.ProgressTracker.Progress.STALLED;
import static io.procmesh.launcher.health.ProgressTracker.Progress.STUCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTrackerTest
{
    private static final long STUCK_AFTER_NS = 1_000;

    @Test
    void shouldReportStuckWhenBacklogGrowsWithoutProgressForTheThreshold()
    {
        final ProgressTracker tracker = new ProgressTracker(STUCK_AFTER_NS);

        assertEquals(MOVING, tracker.observe(10, 1, 0));
        assertEquals(MOVING, tracker.observe(10, 1, 100));
        assertEquals(STALLED, tracker.observe(10, 3, 500));
        assertEquals(500, tracker.stalledForNs(600));
        assertEquals(STUCK, tracker.observe(10, 5, 1_100));
    }

    @Test
    void shouldNotCallABusyInstanceStuck()
    {
        final ProgressTracker tracker = new ProgressTracker(STUCK_AFTER_NS);

        long index = 0;
        for (long nowNs = 0; nowNs < 10 * STUCK_AFTER_NS; nowNs += 100)
        {
            assertEquals(MOVING, tracker.observe(index++, 50 + nowNs, nowNs));
        }
    }

    @Test
    void shouldNotCallAnIdleOrSteadyInstanceStuck()
    {
        final ProgressTracker tracker = new ProgressTracker(STUCK_AFTER_NS);

        for (long nowNs = 0; nowNs < 10 * STUCK_AFTER_NS; nowNs += 100)
        {
            assertEquals(MOVING, tracker.observe(7, 0, nowNs));
        }
        for (long nowNs = 0; nowNs < 10 * STUCK_AFTER_NS; nowNs += 100)
        {
            assertEquals(MOVING, tracker.observe(7, 2, nowNs), "one slow request is not a growing backlog");
        }
    }

    @Test
    void shouldClearTheStallOnProgressAndOnReset()
    {
        final ProgressTracker tracker = new ProgressTracker(STUCK_AFTER_NS);
        tracker.observe(1, 1, 0);
        tracker.observe(1, 1, 10);
        assertEquals(STALLED, tracker.observe(1, 2, 20));

        assertTrue(tracker.hasMoved(2));
        assertEquals(MOVING, tracker.observe(2, 2, 30));
        assertEquals(0, tracker.stalledForNs(40));
        assertFalse(tracker.hasMoved(2));

        tracker.reset();
        assertTrue(tracker.hasMoved(2));
    }
}
