package io.procmesh.benchmarks.oneway;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The command line shared by the one-way publisher and subscriber mains: queue directory, warm-up messages,
 * measured messages, payload bytes.
 */
record OneWayArgs(Path queue, long warmupMessages, long measuredMessages, int payloadBytes)
{
    static final String READY = "READY";
    static final String RESULT = "RESULT";
    private static final long FIRST_MESSAGE_POLL_NS = 100_000;

    static OneWayArgs parse(final String main, final String[] args)
    {
        if (args.length != 4)
        {
            System.err.println("usage: " + main + " <queueDir> <warmupMessages> <measuredMessages> <payloadBytes>");
            System.exit(2);
        }
        final OneWayArgs parsed = new OneWayArgs(Path.of(args[0]), Long.parseLong(args[1]), Long.parseLong(args[2]),
            Integer.parseInt(args[3]));
        if (parsed.warmupMessages < 0 || parsed.measuredMessages <= 0 || parsed.payloadBytes < Long.BYTES)
        {
            System.err.println(main + ": warmupMessages >= 0, measuredMessages > 0 and payloadBytes >= 8 required");
            System.exit(2);
        }
        return parsed;
    }

    /**
     * How a subscriber waits for the next message: parked until the first arrives, so it leaves the publisher
     * JVM's start-up a core, then spinning. The timed part starts after the warm-up messages either way.
     */
    static void idle(final long received)
    {
        if (received == 0)
        {
            LockSupport.parkNanos(FIRST_MESSAGE_POLL_NS);
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    long totalMessages()
    {
        return warmupMessages + measuredMessages;
    }

    /**
     * The line the suite reads: messages and nanoseconds of the measured part.
     */
    static void printResult(final long messages, final long elapsedNs)
    {
        System.out.println(RESULT + " messages=" + messages + " elapsedNs=" + elapsedNs);
    }
}
