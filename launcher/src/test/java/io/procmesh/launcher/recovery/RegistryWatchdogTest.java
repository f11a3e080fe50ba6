package io.procmesh.launcher.recovery;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryWatchdogTest
{
    private static final long INTERVAL_MS = 1_000;
    private static final long PROBE_MS = 250;
    private static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);

    private final Queue<Boolean> answers = new ArrayDeque<>();
    private final List<Long> probeTimeouts = new ArrayList<>();
    private List<Long> stopped = List.of();

    private RegistryWatchdog watchdog(final long intervalMs)
    {
        return new RegistryWatchdog(timeoutMs ->
        {
            probeTimeouts.add(timeoutMs);
            return answers.remove();
        }, () -> stopped, intervalMs, PROBE_MS, 0);
    }

    @Test
    void shouldNotProbeBeforeTheIntervalHasPassed()
    {
        final RegistryWatchdog watchdog = watchdog(INTERVAL_MS);

        assertFalse(watchdog.isWedged(INTERVAL_NS - 1));

        assertTrue(probeTimeouts.isEmpty());
    }

    @Test
    void shouldCallItWedgedOnlyAfterTwoFailedProbesInARow()
    {
        final RegistryWatchdog watchdog = watchdog(INTERVAL_MS);
        answers.add(false);
        answers.add(false);

        assertFalse(watchdog.isWedged(INTERVAL_NS), "one failed probe may be a live holder paused for a moment");
        assertTrue(watchdog.isWedged(INTERVAL_NS + 1), "the second probe follows at once and confirms the wedge");

        assertEquals(List.of(PROBE_MS, PROBE_MS), probeTimeouts);
    }

    @Test
    void shouldForgetAFailedProbeOnceALockIsFreeAgain()
    {
        final RegistryWatchdog watchdog = watchdog(INTERVAL_MS);
        answers.add(false);
        answers.add(true);
        answers.add(false);

        assertFalse(watchdog.isWedged(INTERVAL_NS));
        assertFalse(watchdog.isWedged(INTERVAL_NS + 1));
        assertEquals(0, watchdog.failedProbes());
        assertFalse(watchdog.isWedged(INTERVAL_NS + 2), "the next probe waits a full interval");
        assertFalse(watchdog.isWedged(3 * INTERVAL_NS), "a single failure after a success is not a wedge");

        assertEquals(3, probeTimeouts.size());
    }

    @Test
    void shouldWaitAFullIntervalAfterARecovery()
    {
        final RegistryWatchdog watchdog = watchdog(INTERVAL_MS);
        answers.add(false);
        answers.add(false);
        assertFalse(watchdog.isWedged(INTERVAL_NS));
        assertTrue(watchdog.isWedged(INTERVAL_NS));

        watchdog.recovered(5 * INTERVAL_NS);

        assertEquals(0, watchdog.failedProbes());
        assertFalse(watchdog.isWedged(6 * INTERVAL_NS - 1));
        assertEquals(2, probeTimeouts.size());
    }

    /**
     * Issue 9 item 18c: a lock held by a process that is stopped (SIGSTOP) is a slow holder, not a dead one.
     */
    @Test
    void shouldWaitWhileAProcessMappingTheRegistryIsStoppedAndDecideOnceItIsNot()
    {
        final RegistryWatchdog watchdog = watchdog(INTERVAL_MS);
        for (int i = 0; i < 5; i++)
        {
            answers.add(false);
        }
        stopped = List.of(4242L);

        assertFalse(watchdog.isWedged(INTERVAL_NS));
        assertFalse(watchdog.isWedged(INTERVAL_NS + 1), "the holder may be the stopped process");
        assertFalse(watchdog.isWedged(2 * INTERVAL_NS), "still stopped");

        stopped = List.of();
        assertTrue(watchdog.isWedged(3 * INTERVAL_NS), "nothing stopped maps it: the holder is dead");
    }

    @Test
    void shouldForgetTheWaitOnceTheStoppedHolderReleasedTheLock()
    {
        final RegistryWatchdog watchdog = watchdog(INTERVAL_MS);
        answers.add(false);
        answers.add(false);
        answers.add(true);
        answers.add(false);
        stopped = List.of(4242L);

        assertFalse(watchdog.isWedged(INTERVAL_NS));
        assertFalse(watchdog.isWedged(INTERVAL_NS + 1));
        assertFalse(watchdog.isWedged(INTERVAL_NS + 2), "resumed and released");
        assertEquals(0, watchdog.failedProbes());
        assertFalse(watchdog.isWedged(3 * INTERVAL_NS), "a new episode starts from one failed probe");
    }

    @Test
    void shouldStopWaitingForAProcessStoppedForTooLong()
    {
        final RegistryWatchdog watchdog = watchdog(INTERVAL_MS);
        answers.add(false);
        answers.add(false);
        answers.add(false);
        stopped = List.of(4242L);

        assertFalse(watchdog.isWedged(INTERVAL_NS));
        assertFalse(watchdog.isWedged(INTERVAL_NS + 1));
        assertTrue(watchdog.isWedged(INTERVAL_NS + RegistryWatchdog.MAX_WAIT_FOR_STOPPED_NS + 1));
    }

    @Test
    void shouldNeverProbeWhenTurnedOff()
    {
        final RegistryWatchdog watchdog = watchdog(0);

        assertFalse(watchdog.isWedged(Long.MAX_VALUE / 2));

        assertTrue(probeTimeouts.isEmpty());
    }
}
