package io.procmesh.core.rpc;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingCallsTest
{
    private static ReusableCall call(final long deadlineNs)
    {
        final ReusableCall call = new ReusableCall("s", "op");
        call.start("s", "op", deadlineNs, 1);
        return call;
    }

    @Test
    void shouldExpireEachCallAtItsOwnDeadlineAndNoneEarly()
    {
        final PendingCalls pending = new PendingCalls(64);
        final Random random = new Random(9);
        final List<PendingCall> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++)
        {
            final ReusableCall call = call(1_000 + random.nextInt(10_000));
            pending.register(call);
            calls.add(call);
        }

        final List<PendingCall> expired = new ArrayList<>();
        for (long now = 0; now <= 12_000; now += 7)
        {
            final long at = now;
            pending.expire(now, call ->
            {
                assertTrue(at - call.deadlineNs > 0, "expired before its deadline");
                assertTrue(at - call.deadlineNs <= 7, "expired " + (at - call.deadlineNs) + " ns late");
                expired.add(call);
            });
        }
        assertEquals(calls.size(), expired.size());
        assertEquals(0, pending.inFlight());
    }

    @Test
    void shouldStillExpireACallRegisteredAfterAScanFoundNothingDue()
    {
        final PendingCalls pending = new PendingCalls(8);
        pending.register(call(100));
        assertEquals(0, pending.expire(50, call -> { }));
        final ReusableCall later = call(60);
        pending.register(later);
        final List<PendingCall> expired = new ArrayList<>();
        pending.expire(70, expired::add);
        assertEquals(List.of(later), expired);
        pending.expire(101, expired::add);
        assertEquals(2, expired.size());
    }

    @Test
    void shouldHandEachReplyToItsCallOnceAndRefuseABusySlot()
    {
        final PendingCalls pending = new PendingCalls(2);
        final ReusableCall first = call(1_000);
        final ReusableCall second = call(1_000);
        final long firstId = pending.register(first);
        final long secondId = pending.register(second);
        assertEquals(-1, pending.register(call(1_000)), "both slots are busy");
        assertSame(first, pending.take(firstId, first.messageId));
        assertNull(pending.take(firstId, first.messageId), "a second reply is late");
        assertSame(second, pending.take(secondId, second.messageId));
    }

    @Test
    void shouldNotHandAReplyForAnotherRequestMessageIdToTheCall()
    {
        final PendingCalls pending = new PendingCalls(8);
        final ReusableCall call = call(1_000);
        call.messageId = 42;
        final long id = pending.register(call);
        assertNull(pending.take(id, 41), "a reply to another request with the same correlation id");
        assertEquals(1, pending.inFlight());
        assertSame(call, pending.take(id, 42));
    }

    @Test
    void shouldGiveEachIncarnationItsOwnCorrelationIds()
    {
        final long first = new PendingCalls(8, 1).register(call(1_000));
        final long second = new PendingCalls(8, 2).register(call(1_000));
        assertTrue(first != second, "a restarted caller reused its predecessor's first correlation id");
        assertTrue(first > 0 && second > 0);
    }

    @Test
    void shouldAcceptEveryShortCallBesideOneLongCall()
    {
        final int capacity = 64;
        final PendingCalls pending = new PendingCalls(capacity);
        final ReusableCall slow = call(1_000_000);
        final long slowId = pending.register(slow);
        for (int i = 0; i < 2 * capacity; i++)
        {
            final ReusableCall quick = call(1_000);
            quick.messageId = i;
            final long id = pending.register(quick);
            assertTrue(id >= 0, "call " + i + " refused with one call in flight");
            assertSame(quick, pending.take(id, i));
        }
        assertSame(slow, pending.take(slowId, slow.messageId));
        assertEquals(0, pending.inFlight());
    }

    @Test
    void shouldFindAndExpireACallProbedPastItsBusyHomeSlot()
    {
        final PendingCalls pending = new PendingCalls(4);
        final ReusableCall home = call(1_000_000);
        final long homeId = pending.register(home);
        final ReusableCall freed = call(1_000_000);
        pending.register(freed);
        pending.register(call(1_000_000));
        pending.register(call(1_000_000));
        assertSame(freed, pending.take(freed.correlationId, freed.messageId));

        // The next id's home slot is the first call's, still busy: it lands in the slot freed after it.
        final ReusableCall probed = call(10);
        probed.messageId = 7;
        final long id = pending.register(probed);
        assertTrue(id >= 0, "refused although a slot was free");
        assertEquals(homeId & 3, id & 3, "the test expects the new id to share the busy home slot");
        assertNull(pending.take(id, 8));
        final List<PendingCall> expired = new ArrayList<>();
        pending.expire(11, expired::add);
        assertEquals(List.of(probed), expired);

        final ReusableCall again = call(1_000_000);
        again.messageId = 9;
        final long againId = pending.register(again);
        assertSame(again, pending.take(againId, 9), "a call probed past its home is found by its reply");
    }
}
