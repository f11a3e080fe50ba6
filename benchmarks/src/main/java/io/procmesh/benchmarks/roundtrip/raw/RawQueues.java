package io.procmesh.benchmarks.roundtrip.raw;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.threads.LongPauser;
import net.openhft.chronicle.threads.Pauser;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The raw baseline's setup, written against Chronicle's API only (no procmesh class), with the same settings
 * procmesh uses so the comparison is like for like: binary queues, FAST_HOURLY roll cycle, and for "backoff" the
 * same LongPauser parameters as procmesh's BackoffIdleStrategy (2000 spins, 200 yields, park 1 us to 1 ms).
 */
public final class RawQueues
{
    public static final String PING = "ping";
    public static final String PONG = "pong";
    public static final String BACKOFF = "backoff";
    public static final String BUSY_SPIN = "busy-spin";

    private RawQueues()
    {
    }

    public static ChronicleQueue open(final Path directory)
    {
        return SingleChronicleQueueBuilder.binary(directory.toFile())
            .rollCycle(RollCycles.FAST_HOURLY)
            .build();
    }

    public static Pauser pauser(final String idleStrategy)
    {
        switch (idleStrategy)
        {
            case BACKOFF:
                return new LongPauser(2_000, 200, 1, 1_000, TimeUnit.MICROSECONDS);
            case BUSY_SPIN:
                return Pauser.busy();
            default:
                throw new IllegalArgumentException("idle strategy '" + idleStrategy + "' is unknown: use '" +
                    BACKOFF + "' or '" + BUSY_SPIN + "'");
        }
    }
}
