package io.procmesh.benchmarks.oneway;

import io.procmesh.benchmarks.harness.ParentWatchdog;
import io.procmesh.benchmarks.harness.PartnerExit;
import io.procmesh.benchmarks.roundtrip.raw.RawQueues;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Baseline publisher: appends sequence-numbered documents to one queue as fast as it can, Chronicle API only.
 */
public final class RawOneWayPublisherMain
{
    private RawOneWayPublisherMain()
    {
    }

    public static void main(final String[] args)
    {
        ParentWatchdog.arm();
        PartnerExit.runThenExit(() -> run(args));
    }

    private static void run(final String[] args)
    {
        final OneWayArgs run = OneWayArgs.parse("RawOneWayPublisherMain", args);
        final byte[] filler = new byte[run.payloadBytes() - Long.BYTES];
        try (ChronicleQueue queue = RawQueues.open(run.queue());
             ExcerptAppender appender = queue.createAppender())
        {
            final long total = run.totalMessages();
            long measuredStartNs = System.nanoTime();
            for (long sequence = 0; sequence < total; sequence++)
            {
                if (sequence == run.warmupMessages())
                {
                    measuredStartNs = System.nanoTime();
                }
                try (DocumentContext dc = appender.writingDocument())
                {
                    dc.wire().bytes().writeLong(sequence).write(filler);
                }
            }
            OneWayArgs.printResult(run.measuredMessages(), System.nanoTime() - measuredStartNs);
        }
    }
}
