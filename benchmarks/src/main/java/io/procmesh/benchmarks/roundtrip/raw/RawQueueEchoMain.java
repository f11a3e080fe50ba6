package io.procmesh.benchmarks.roundtrip.raw;

import io.procmesh.benchmarks.harness.ParentWatchdog;
import io.procmesh.benchmarks.harness.StopSignal;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.threads.Pauser;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Partner JVM of the raw baseline: copies each document of the ping queue, as it is, to the pong queue.
 * Args: directory idleStrategy.
 */
public final class RawQueueEchoMain
{
    private RawQueueEchoMain()
    {
    }

    public static void main(final String[] args)
    {
        ParentWatchdog.arm();
        if (args.length != 2)
        {
            System.err.println("usage: RawQueueEchoMain <directory> <backoff|busy-spin>");
            System.exit(2);
        }
        final Path directory = Path.of(args[0]);
        final Pauser pauser = RawQueues.pauser(args[1]);
        try (StopSignal stop = new StopSignal();
             ChronicleQueue ping = RawQueues.open(directory.resolve(RawQueues.PING));
             ChronicleQueue pong = RawQueues.open(directory.resolve(RawQueues.PONG));
             ExcerptTailer tailer = ping.createTailer();
             ExcerptAppender appender = pong.createAppender())
        {
            System.out.println("READY raw-queue echo pid " + ProcessHandle.current().pid());
            while (!stop.isRequested())
            {
                if (echoOne(tailer, appender))
                {
                    pauser.reset();
                }
                else
                {
                    pauser.pause();
                }
            }
        }
    }

    private static boolean echoOne(final ExcerptTailer tailer, final ExcerptAppender appender)
    {
        try (DocumentContext in = tailer.readingDocument())
        {
            if (!in.isPresent())
            {
                return false;
            }
            final Bytes<?> request = in.wire().bytes();
            try (DocumentContext out = appender.writingDocument())
            {
                out.wire().bytes().write(request, request.readPosition(), request.readRemaining());
            }
            return true;
        }
    }
}
