package io.procmesh.benchmarks.oneway;

import io.procmesh.benchmarks.harness.ParentWatchdog;
import io.procmesh.benchmarks.harness.PartnerExit;
import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.channel.InboundListener;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;

/**
 * procmesh subscriber: decodes every envelope through {@link InboundChannel} (a named tailer, as a topic reader
 * uses), checks the sequence, and times the measured part. Busy-polls, like the baseline.
 */
public final class ProcmeshOneWaySubscriberMain implements InboundListener
{
    private final long warmupMessages;
    private long expected;
    private long measuredStartNs;

    private ProcmeshOneWaySubscriberMain(final long warmupMessages)
    {
        this.warmupMessages = warmupMessages;
    }

    public static void main(final String[] args)
    {
        ParentWatchdog.arm();
        PartnerExit.runThenExit(() -> run(args));
    }

    private static void run(final String[] args)
    {
        final OneWayArgs run = OneWayArgs.parse("ProcmeshOneWaySubscriberMain", args);
        final ProcmeshOneWaySubscriberMain subscriber = new ProcmeshOneWaySubscriberMain(run.warmupMessages());
        // No retention handler: the suite deletes the queue after the run.
        try (InboundChannel channel = InboundChannel.named(run.queue(), "bench-subscriber",
            new EnvelopeCodec(Configuration.maxPayloadBytes()), Configuration.retainCycles(), null))
        {
            System.out.println(OneWayArgs.READY);
            final long total = run.totalMessages();
            while (subscriber.expected < total)
            {
                if (channel.poll(subscriber) == 0)
                {
                    OneWayArgs.idle(subscriber.expected);
                }
            }
            OneWayArgs.printResult(run.measuredMessages(), System.nanoTime() - subscriber.measuredStartNs);
        }
    }

    @Override
    public void onEnvelope(final Envelope envelope, final long index)
    {
        final long sequence = envelope.payload().readLong(envelope.payload().readPosition());
        if (sequence != expected)
        {
            throw new IllegalStateException("expected message " + expected + ", read " + sequence);
        }
        if (expected == warmupMessages)
        {
            measuredStartNs = System.nanoTime();
        }
        expected++;
    }

    @Override
    public void onDecodeError(final DecodeResult result, final long index)
    {
        throw new IllegalStateException("undecodable message at index 0x" + Long.toHexString(index) + ": " + result);
    }
}
