package io.procmesh.benchmarks.harness;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * Drives one {@link RequestTransport} on the calling thread, as JLBH does: it holds a fixed schedule by spinning,
 * sends each request stamped with its intended send time, and records {@code replyTime - intendedTime} for every
 * request intended after the warm-up. A reply that is late delays the requests behind it, and they are charged for
 * it: that is the coordinated omission correction.
 * <p>
 * If the subject cannot keep up with the rate, sending stops at {@code overrunFactor} times the planned length.
 * The scheduled requests never sent are recorded at the time they had waited by then, a lower bound, and the
 * outcome says so. Nothing in the loop allocates.
 */
public final class LoadGenerator implements ReplyListener
{
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(10);
    public static final int SIGNIFICANT_DIGITS = 3;

    private final RequestTransport transport;
    private final double overrunFactor;
    private final long drainTimeoutNs;
    private final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    private long measureFromNs;
    private int inFlight;
    private long repliesInWindow;
    private long lastReplyNs;
    private long lost;

    public LoadGenerator(final RequestTransport transport, final double overrunFactor, final long drainTimeoutMs)
    {
        if (overrunFactor < 1.0)
        {
            throw new IllegalArgumentException("overrunFactor must be at least 1, was " + overrunFactor);
        }
        this.transport = transport;
        this.overrunFactor = overrunFactor;
        this.drainTimeoutNs = TimeUnit.MILLISECONDS.toNanos(drainTimeoutMs);
    }

    public RunOutcome run(final RunSpec spec) throws Exception
    {
        if (spec.maxInFlight() > transport.maxInFlight())
        {
            throw new IllegalArgumentException("this transport takes at most " + transport.maxInFlight() +
                " calls in flight, the run asks for " + spec.maxInFlight());
        }
        transport.prepare(spec.payloadBytes());
        histogram.reset();
        inFlight = 0;
        repliesInWindow = 0;
        lastReplyNs = 0;
        lost = 0;

        final long intervalNs = spec.intervalNs();
        final int maxInFlight = spec.maxInFlight();
        // A warm-up yields when idle: on 2 cores a spinning generator starves both JVMs' JIT compiler threads,
        // and the warm-up exists to let them finish.
        final boolean yieldWhenIdle = !spec.recorded();
        final long startNs = System.nanoTime();
        measureFromNs = startNs + TimeUnit.MILLISECONDS.toNanos(spec.warmupMs());
        final long scheduleEndNs = measureFromNs + TimeUnit.MILLISECONDS.toNanos(spec.measureMs());
        final long sendDeadlineNs = startNs + (long)(TimeUnit.MILLISECONDS.toNanos(spec.plannedMs()) * overrunFactor);

        long nextSendNs = startNs;
        long sent = 0;
        long stoppedSendingNs = 0;
        boolean sending = true;
        while (true)
        {
            final long nowNs = System.nanoTime();
            int work = 0;
            if (sending)
            {
                if (intervalNs == 0)
                {
                    if (nowNs - scheduleEndNs >= 0)
                    {
                        sending = false;
                    }
                    else if (inFlight < maxInFlight)
                    {
                        inFlight++;
                        transport.send(nowNs);
                        sent++;
                        work++;
                    }
                }
                else if (nextSendNs - scheduleEndNs >= 0 || nowNs - sendDeadlineNs >= 0)
                {
                    sending = false;
                }
                else if (nowNs - nextSendNs >= 0 && inFlight < maxInFlight)
                {
                    inFlight++;
                    transport.send(nextSendNs);
                    nextSendNs += intervalNs;
                    sent++;
                    work++;
                }
                if (!sending)
                {
                    stoppedSendingNs = nowNs;
                }
            }
            work += transport.poll(this);

            if (!sending && (inFlight == 0 || nowNs - stoppedSendingNs > drainTimeoutNs))
            {
                break;
            }
            if (work == 0)
            {
                if (yieldWhenIdle)
                {
                    Thread.yield();
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        }

        final long unsent = intervalNs == 0 ? 0 : recordUnsent(nextSendNs, scheduleEndNs, intervalNs, stoppedSendingNs);
        final long windowNs = lastReplyNs - measureFromNs;
        final double throughput = windowNs > 0 ? repliesInWindow * 1e9 / windowNs : 0.0;
        return new RunOutcome(spec, histogram.copy(), throughput, sent, unsent, lost + inFlight);
    }

    /**
     * Requests the schedule held but never sent are charged what they had waited when sending stopped.
     */
    private long recordUnsent(final long fromNs, final long scheduleEndNs, final long intervalNs, final long stopNs)
    {
        long unsent = 0;
        for (long intendedNs = fromNs; intendedNs - scheduleEndNs < 0; intendedNs += intervalNs)
        {
            if (intendedNs - measureFromNs >= 0)
            {
                record(Math.max(0, stopNs - intendedNs));
            }
            unsent++;
        }
        return unsent;
    }

    @Override
    public void onReply(final long intendedSendNs)
    {
        final long nowNs = System.nanoTime();
        inFlight--;
        if (intendedSendNs - measureFromNs >= 0)
        {
            record(nowNs - intendedSendNs);
        }
        if (nowNs - measureFromNs >= 0)
        {
            repliesInWindow++;
            lastReplyNs = nowNs;
        }
    }

    @Override
    public void onLost()
    {
        inFlight--;
        lost++;
    }

    private void record(final long latencyNs)
    {
        histogram.recordValue(Math.min(Math.max(latencyNs, 0), HIGHEST_TRACKABLE_NS));
    }
}
