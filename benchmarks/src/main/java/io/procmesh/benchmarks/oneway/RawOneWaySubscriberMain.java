package io.procmesh.benchmarks.oneway;

import io.procmesh.benchmarks.harness.ParentWatchdog;
import io.procmesh.benchmarks.harness.PartnerExit;
import io.procmesh.benchmarks.roundtrip.raw.RawQueues;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Baseline subscriber: reads the publisher's documents, checks the sequence has no gap, and times the measured
 * part from its first document to its last. Busy-polls: one of the two threads this 2-JVM run spins.
 */
public final class RawOneWaySubscriberMain
{
    private RawOneWaySubscriberMain()
    {
    }

    public static void main(final String[] args)
    {
        ParentWatchdog.arm();
        PartnerExit.runThenExit(() -> run(args));
    }

    private static void run(final String[] args)
    {
        final OneWayArgs run = OneWayArgs.parse("RawOneWaySubscriberMain", args);
        try (ChronicleQueue queue = RawQueues.open(run.queue());
             ExcerptTailer tailer = queue.createTailer())
        {
            System.out.println(OneWayArgs.READY);
            final long total = run.totalMessages();
            long expected = 0;
            long measuredStartNs = 0;
            while (expected < total)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        OneWayArgs.idle(expected);
                        continue;
                    }
                    final long sequence = dc.wire().bytes().readLong();
                    if (sequence != expected)
                    {
                        throw new IllegalStateException("expected message " + expected + ", read " + sequence);
                    }
                }
                if (expected == run.warmupMessages())
                {
                    measuredStartNs = System.nanoTime();
                }
                expected++;
            }
            OneWayArgs.printResult(run.measuredMessages(), System.nanoTime() - measuredStartNs);
        }
    }
}
