package io.procmesh.core.breaker;

import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state machine over a table mapped twice, as two processes map it: what one records, the other obeys. Time is
 * passed in, so every transition is exact.
 */
class CircuitBreakerTest
{
    private static final long MS = 1_000_000L;
    private static final BreakerSettings SETTINGS =
        BreakerSettings.parse("test", "minimumCalls=10,failureRate=50,windowMs=10000,waitMs=1000,halfOpenCalls=2");
    private Path file;
    private BreakerTable first;
    private BreakerTable second;
    private long nowNs = 1_000_000 * MS;

    @BeforeEach
    void open() throws Exception
    {
        file = TestDirectories.create("breaker").resolve("registry.breakers");
        first = BreakerTable.open(file);
        second = BreakerTable.open(file);
    }

    @AfterEach
    void close()
    {
        first.close();
        second.close();
    }

    @Test
    void shouldOpenOnceMinimumCallsHaveTheFailureRateAndRefuseInEveryProcess()
    {
        final CircuitBreaker inFirst = first.breaker("order->user", SETTINGS);
        final CircuitBreaker inSecond = second.breaker("order->user", SETTINGS);
        for (int i = 0; i < 4; i++)
        {
            assertFalse(inFirst.onOutcome(inFirst.tryAcquire(nowNs), nowNs, MS, true), "4 failures of 4 calls");
        }
        for (int i = 0; i < 5; i++)
        {
            assertFalse(inSecond.onOutcome(inSecond.tryAcquire(nowNs), nowNs, MS, false));
        }
        assertEquals(BreakerState.CLOSED, inFirst.state(), "9 calls: below the minimum");

        assertTrue(inSecond.onOutcome(inSecond.tryAcquire(nowNs), nowNs, MS, true), "5 of 10 failed: opens");
        assertEquals(BreakerState.OPEN, inFirst.state());
        assertEquals(CircuitBreaker.REFUSED, inFirst.tryAcquire(nowNs + 999 * MS));
        assertEquals(1, inFirst.retryAfterMs(nowNs + 999 * MS));

        final BreakerSnapshot seen = only(first);
        assertEquals("order->user", seen.name());
        assertEquals(BreakerState.OPEN, seen.state());
        assertEquals(1, seen.notPermitted());
        assertEquals(1, seen.openings());
        assertEquals(1, seen.transitions());
    }

    @Test
    void shouldNotOpenBelowTheFailureRate()
    {
        final CircuitBreaker breaker = first.breaker("order->user", SETTINGS);
        for (int i = 0; i < 100; i++)
        {
            breaker.onOutcome(breaker.tryAcquire(nowNs), nowNs, MS, i % 5 == 0);
        }
        assertEquals(BreakerState.CLOSED, breaker.state(), "20% failures");
        assertEquals(100, only(first).calls());
        assertEquals(20, only(first).failures());
    }

    @Test
    void shouldLetBoundedTrialCallsThroughAfterTheWaitAndCloseWhenTheyAllSucceed()
    {
        final CircuitBreaker inFirst = first.breaker("order->user", SETTINGS);
        final CircuitBreaker inSecond = second.breaker("order->user", SETTINGS);
        open(inFirst);
        nowNs += 1_000 * MS;

        final long trial1 = inFirst.tryAcquire(nowNs);
        final long trial2 = inSecond.tryAcquire(nowNs);
        assertTrue(trial1 >= 0 && trial2 == trial1, "two trial calls of one episode");
        assertEquals(BreakerState.HALF_OPEN, inSecond.state());
        assertEquals(CircuitBreaker.REFUSED, inSecond.tryAcquire(nowNs), "a third call waits for the trials");

        inFirst.onOutcome(trial1, nowNs, MS, false);
        assertEquals(BreakerState.HALF_OPEN, inFirst.state(), "one trial of two succeeded");
        inSecond.onOutcome(trial2, nowNs, MS, false);
        assertEquals(BreakerState.CLOSED, inFirst.state());

        // The failures that opened it are still in the window's time, but they no longer count.
        for (int i = 0; i < 9; i++)
        {
            inFirst.onOutcome(inFirst.tryAcquire(nowNs), nowNs, MS, i == 0);
        }
        assertEquals(BreakerState.CLOSED, inFirst.state());
    }

    @Test
    void shouldReopenOnAFailedTrialCall()
    {
        final CircuitBreaker breaker = first.breaker("order->user", SETTINGS);
        open(breaker);
        nowNs += 1_000 * MS;
        final long trial = breaker.tryAcquire(nowNs);
        assertTrue(breaker.onOutcome(trial, nowNs, MS, true));
        assertEquals(BreakerState.OPEN, breaker.state());
        assertEquals(1_000, breaker.retryAfterMs(nowNs));
        assertEquals(2, only(first).openings());
    }

    @Test
    void shouldGiveBackATrialPermitWhoseCallWasNeverDelivered()
    {
        final CircuitBreaker breaker = first.breaker("order->user", SETTINGS);
        open(breaker);
        nowNs += 1_000 * MS;
        final long trial1 = breaker.tryAcquire(nowNs);
        final long trial2 = breaker.tryAcquire(nowNs);
        breaker.release(trial2);
        final long trial3 = breaker.tryAcquire(nowNs);
        assertEquals(trial1, trial3);
        breaker.onOutcome(trial1, nowNs, MS, false);
        breaker.onOutcome(trial3, nowNs, MS, false);
        assertEquals(BreakerState.CLOSED, breaker.state());
    }

    @Test
    void shouldStartAHalfOpenEpisodeAgainWhenItsTrialCallsNeverCameBack()
    {
        final CircuitBreaker breaker = first.breaker("order->user", SETTINGS);
        open(breaker);
        nowNs += 1_000 * MS;
        final long lost1 = breaker.tryAcquire(nowNs);
        breaker.tryAcquire(nowNs);
        assertEquals(CircuitBreaker.REFUSED, breaker.tryAcquire(nowNs + 10_000 * MS));

        final long later = breaker.tryAcquire(nowNs + 10_001 * MS);
        assertTrue(later > lost1, "a new episode");
        breaker.onOutcome(lost1, nowNs + 10_002 * MS, MS, false);
        assertEquals(BreakerState.HALF_OPEN, breaker.state(), "a lost trial's late success closes nothing");
        breaker.onOutcome(lost1, nowNs + 10_002 * MS, MS, true);
        assertEquals(BreakerState.OPEN, breaker.state(), "but its late failure says the target still fails");
    }

    @Test
    void shouldIgnoreTheOutcomeOfACallSentBeforeTheStateBegan()
    {
        final CircuitBreaker breaker = first.breaker("order->user", SETTINGS);
        final long sentNs = nowNs;
        final long[] early = new long[10];
        for (int i = 0; i < early.length; i++)
        {
            early[i] = breaker.tryAcquire(sentNs);
        }
        nowNs += 100 * MS;
        open(breaker);
        nowNs += 1_000 * MS;
        final long trial1 = breaker.tryAcquire(nowNs);
        final long trial2 = breaker.tryAcquire(nowNs);
        breaker.onOutcome(trial1, nowNs, MS, false);
        breaker.onOutcome(trial2, nowNs, MS, false);
        assertEquals(BreakerState.CLOSED, breaker.state());

        nowNs += 500 * MS;
        for (final long permit : early)
        {
            assertFalse(breaker.onOutcome(permit, nowNs, nowNs - sentNs, true), "sent before it opened");
        }
        assertEquals(BreakerState.CLOSED, breaker.state());
        assertEquals(0, only(first).calls());
    }

    @Test
    void shouldCountSlowCallsAgainstTheSlowCallRate()
    {
        final CircuitBreaker breaker = first.breaker("order->user",
            BreakerSettings.parse("test", "minimumCalls=4,slowCallRate=50,slowCallMs=100"));
        breaker.onOutcome(breaker.tryAcquire(nowNs), nowNs, 10 * MS, false);
        breaker.onOutcome(breaker.tryAcquire(nowNs), nowNs, 10 * MS, false);
        breaker.onOutcome(breaker.tryAcquire(nowNs), nowNs, 100 * MS, false);
        assertTrue(breaker.onOutcome(breaker.tryAcquire(nowNs), nowNs, 150 * MS, false));
        assertEquals(2, only(first).slowCalls());
    }

    @Test
    void shouldForgetOutcomesOlderThanTheWindow()
    {
        final CircuitBreaker breaker = first.breaker("order->user", SETTINGS);
        for (int i = 0; i < 9; i++)
        {
            breaker.onOutcome(breaker.tryAcquire(nowNs), nowNs, MS, true);
        }
        nowNs += 10_000 * MS;
        assertFalse(breaker.onOutcome(breaker.tryAcquire(nowNs), nowNs, MS, true), "1 call in the window");
        assertEquals(1, only(first).calls());
    }

    @Test
    void shouldKeepRetriesWithinTheBudget()
    {
        final CircuitBreaker breaker = first.breaker("order->user", SETTINGS);
        for (int i = 0; i < 3; i++)
        {
            assertTrue(breaker.tryRetry(nowNs), "the minimum per window");
        }
        assertFalse(breaker.tryRetry(nowNs));
        for (int i = 0; i < 50; i++)
        {
            breaker.onOutcome(breaker.tryAcquire(nowNs), nowNs, MS, false);
        }
        assertTrue(breaker.tryRetry(nowNs), "10% of 50 calls is 5");
        assertTrue(breaker.tryRetry(nowNs));
        assertFalse(breaker.tryRetry(nowNs));
        assertEquals(2, only(first).retriesRefused());
    }

    @Test
    void shouldKeepEachNameInItsOwnSlotAcrossReopening()
    {
        first.breaker("a->b", SETTINGS);
        first.breaker("a->c", SETTINGS);
        first.close();
        first = BreakerTable.open(file);
        open(first.breaker("a->c", SETTINGS));
        assertEquals(List.of("a->b:CLOSED", "a->c:OPEN"), second.snapshot(nowNs).stream()
            .map(b -> b.name() + ":" + b.state()).sorted().toList());
    }

    @Test
    void shouldRefuseBadSettingsNamingTheSetting()
    {
        final IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
            () -> BreakerSettings.parse("procmesh.breaker.user", "failureRate=0"));
        assertEquals("procmesh.breaker.user: failureRate must be between 1 and 100, was 0", rate.getMessage());
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> BreakerSettings.parse("procmesh.breaker.user", "waitMillis=5"));
        assertTrue(unknown.getMessage().startsWith("procmesh.breaker.user: unknown setting 'waitMillis'"),
            unknown.getMessage());
        assertEquals(SETTINGS, BreakerSettings.parse("again", SETTINGS.toText()));
    }

    private void open(final CircuitBreaker breaker)
    {
        for (int i = 0; i < 10; i++)
        {
            breaker.onOutcome(breaker.tryAcquire(nowNs), nowNs, MS, true);
        }
        assertEquals(BreakerState.OPEN, breaker.state());
    }

    private BreakerSnapshot only(final BreakerTable table)
    {
        final List<BreakerSnapshot> all = table.snapshot(nowNs);
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }
}
