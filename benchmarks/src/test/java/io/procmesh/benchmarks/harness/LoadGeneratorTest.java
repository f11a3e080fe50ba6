package io.procmesh.benchmarks.harness;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadGeneratorTest
{
    private static final long MS = 1_000_000L;

    @Test
    void shouldRecordEveryScheduledRequestOfTheMeasuredWindowAndNoneOfTheWarmup() throws Exception
    {
        final ScriptedTransport transport = new ScriptedTransport().serviceTime(200);
        final RunOutcome outcome = new LoadGenerator(transport, 2.0, 1_000)
            .run(new RunSpec(32, 1_000, 1, 100, 300, true));

        assertEquals(300, outcome.latency().getTotalCount(), "1k/s for 300 ms, warm-up excluded");
        // On a loaded machine a few scheduled requests may miss the sending deadline; they are still counted.
        assertEquals(400, outcome.sent() + outcome.unsent());
        assertEquals(0, outcome.lost());
        assertTrue(outcome.latency().getValueAtPercentile(50) >= 200_000, "never below the service time");
        assertTrue(outcome.throughputPerSec() > 0);
    }

    @Test
    void shouldChargeAStallToEveryRequestScheduledBehindIt() throws Exception
    {
        // At 10k/s a 100 ms stall holds up about 1,000 scheduled requests. Measured from the actual send, only
        // the stalled one would look slow; measured from the intended send, about half wait 50 ms or more.
        final ScriptedTransport transport = new ScriptedTransport().stallOnce(2_000, 100);
        final RunOutcome outcome = new LoadGenerator(transport, 3.0, 1_000)
            .run(new RunSpec(32, 10_000, 1, 50, 400, true));

        final Histogram latency = outcome.latency();
        assertEquals(4_000, latency.getTotalCount());
        assertTrue(latency.getMaxValue() >= 100 * MS, "the stalled request waited the whole stall");
        final long atLeast50Ms = latency.getTotalCount() - countBelow(latency, 50 * MS);
        assertTrue(atLeast50Ms >= 400, "only " + atLeast50Ms + " requests were charged 50 ms or more");
    }

    @Test
    void shouldCountRequestsNeverSentAtTheirWaitWhenTheRateIsNotSustained() throws Exception
    {
        final ScriptedTransport transport = new ScriptedTransport().delayEverySend(1);
        final RunOutcome outcome = new LoadGenerator(transport, 2.0, 1_000)
            .run(new RunSpec(32, 10_000, 1, 0, 100, true));

        assertTrue(outcome.unsent() > 0, "1 ms per send cannot keep 10k/s");
        assertEquals(1_000, outcome.latency().getTotalCount(), "sent or not, every scheduled request is counted");
        assertEquals(1_000, outcome.sent() + outcome.unsent());
        assertTrue(outcome.remark().contains("rate not sustained"), outcome.remark());
    }

    @Test
    void shouldNeverHaveMoreCallsInFlightThanAsked() throws Exception
    {
        final ScriptedTransport transport = new ScriptedTransport().serviceTime(500);
        final RunOutcome outcome = new LoadGenerator(transport, 2.0, 1_000)
            .run(new RunSpec(256, 0, 16, 20, 100, true));

        assertEquals(16, transport.maxOutstanding());
        assertTrue(outcome.latency().getTotalCount() > 0);
        assertTrue(outcome.throughputPerSec() > 0);
    }

    @Test
    void shouldCountCallsThatEndWithoutAReplyAsLost() throws Exception
    {
        final ScriptedTransport transport = new ScriptedTransport().loseEverything();
        final RunOutcome outcome = new LoadGenerator(transport, 2.0, 1_000)
            .run(new RunSpec(32, 1_000, 1, 0, 50, true));

        assertEquals(outcome.sent(), outcome.lost());
        assertEquals(outcome.unsent(), outcome.latency().getTotalCount(), "a lost call is never a latency");
        assertTrue(outcome.remark().contains("unanswered"), outcome.remark());
    }

    @Test
    void shouldRefuseMoreCallsInFlightThanTheTransportTakes()
    {
        final LoadGenerator generator = new LoadGenerator(new OneAtATime(), 2.0, 1_000);
        assertThrows(IllegalArgumentException.class, () -> generator.run(new RunSpec(32, 0, 2, 0, 10, true)));
    }

    private static long countBelow(final Histogram histogram, final long value)
    {
        return histogram.getCountBetweenValues(0, histogram.lowestEquivalentValue(value) - 1);
    }

    private static final class OneAtATime implements RequestTransport
    {
        @Override
        public int maxInFlight()
        {
            return 1;
        }

        @Override
        public void prepare(final int payloadBytes)
        {
            // Never reached: the generator refuses the run first.
        }

        @Override
        public void send(final long intendedSendNs)
        {
            throw new AssertionError("a run asking for more calls in flight than the transport takes was started");
        }

        @Override
        public int poll(final ReplyListener listener)
        {
            return 0;
        }

        @Override
        public void close()
        {
            // Holds nothing.
        }
    }
}
