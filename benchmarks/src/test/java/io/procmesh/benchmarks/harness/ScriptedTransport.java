package io.procmesh.benchmarks.harness;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * An in-process transport with scripted behaviour: each reply is ready a fixed service time after its send,
 * and sending can stall once, be slow every time, or lose every call.
 */
final class ScriptedTransport implements RequestTransport
{
    private final ArrayDeque<long[]> pending = new ArrayDeque<>();
    private long serviceTimeNs;
    private long stallAtSend = -1;
    private long stallMs;
    private long delayPerSendMs;
    private boolean loseEverything;
    private long sends;
    private int maxOutstanding;

    ScriptedTransport serviceTime(final long micros)
    {
        serviceTimeNs = TimeUnit.MICROSECONDS.toNanos(micros);
        return this;
    }

    ScriptedTransport stallOnce(final long atSend, final long forMs)
    {
        stallAtSend = atSend;
        stallMs = forMs;
        return this;
    }

    ScriptedTransport delayEverySend(final long ms)
    {
        delayPerSendMs = ms;
        return this;
    }

    ScriptedTransport loseEverything()
    {
        loseEverything = true;
        return this;
    }

    int maxOutstanding()
    {
        return maxOutstanding;
    }

    long sends()
    {
        return sends;
    }

    @Override
    public void prepare(final int payloadBytes)
    {
        pending.clear();
    }

    @Override
    public void send(final long intendedSendNs) throws InterruptedException
    {
        if (sends == stallAtSend)
        {
            TimeUnit.MILLISECONDS.sleep(stallMs);
        }
        if (delayPerSendMs > 0)
        {
            TimeUnit.MILLISECONDS.sleep(delayPerSendMs);
        }
        sends++;
        pending.add(new long[]{intendedSendNs, System.nanoTime()});
        maxOutstanding = Math.max(maxOutstanding, pending.size());
    }

    @Override
    public int poll(final ReplyListener listener)
    {
        int replies = 0;
        while (!pending.isEmpty() && System.nanoTime() - pending.peek()[1] >= serviceTimeNs)
        {
            final long stamp = pending.poll()[0];
            if (loseEverything)
            {
                listener.onLost();
            }
            else
            {
                listener.onReply(stamp);
            }
            replies++;
        }
        return replies;
    }

    @Override
    public void close()
    {
        pending.clear();
    }
}
