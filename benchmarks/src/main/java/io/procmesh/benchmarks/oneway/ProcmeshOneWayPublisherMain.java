package io.procmesh.benchmarks.oneway;

import io.procmesh.benchmarks.harness.ParentWatchdog;
import io.procmesh.benchmarks.harness.PartnerExit;
import io.procmesh.core.channel.OutboundChannel;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.message.PayloadFormat;
import net.openhft.chronicle.bytes.Bytes;

/**
 * procmesh publisher: EVENT envelopes with a RAW payload through {@link OutboundChannel}, one reused envelope.
 */
public final class ProcmeshOneWayPublisherMain
{
    private ProcmeshOneWayPublisherMain()
    {
    }

    public static void main(final String[] args)
    {
        ParentWatchdog.arm();
        PartnerExit.runThenExit(() -> run(args));
    }

    private static void run(final String[] args)
    {
        final OneWayArgs run = OneWayArgs.parse("ProcmeshOneWayPublisherMain", args);
        final byte[] filler = new byte[run.payloadBytes() - Long.BYTES];
        final Envelope envelope = new Envelope()
            .kind(MessageKind.EVENT)
            .sourceInstance("bench-publisher-1")
            .targetService("bench-oneway")
            .operation("tick")
            .payloadFormat(PayloadFormat.RAW);
        try (OutboundChannel channel = new OutboundChannel(run.queue(),
            new EnvelopeCodec(Configuration.maxPayloadBytes())))
        {
            final long total = run.totalMessages();
            long measuredStartNs = System.nanoTime();
            for (long sequence = 0; sequence < total; sequence++)
            {
                if (sequence == run.warmupMessages())
                {
                    measuredStartNs = System.nanoTime();
                }
                final Bytes<?> payload = envelope.messageId(sequence + 1).sendTimeNs(System.nanoTime()).payload();
                payload.clear();
                payload.writeLong(sequence).write(filler);
                channel.send(envelope);
            }
            OneWayArgs.printResult(run.measuredMessages(), System.nanoTime() - measuredStartNs);
        }
    }
}
