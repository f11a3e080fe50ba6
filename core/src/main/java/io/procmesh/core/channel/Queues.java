package io.procmesh.core.channel;

import io.procmesh.core.config.Configuration;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Path;

/**
 * Opens the persisted queues behind every channel with one set of settings.
 */
public final class Queues
{
    private Queues()
    {
    }

    public static ChronicleQueue open(final Path directory)
    {
        final RollCycles rollCycle;
        try
        {
            rollCycle = RollCycles.valueOf(Configuration.rollCycle());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(Configuration.ROLL_CYCLE_PROP_NAME + " '" + Configuration.rollCycle() +
                "' is not a Chronicle RollCycles name, e.g. FAST_HOURLY or FAST_DAILY", ex);
        }
        // A writer killed inside an append leaves the queue's write lock held. Chronicle frees a dead holder's
        // lock only when a waiter times out (15 s by default, measured in WriterKillTest), so the timeout is short.
        // A live holder past it makes the append fail with an error instead of hanging the caller.
        return SingleChronicleQueueBuilder.binary(directory.toFile())
            .rollCycle(rollCycle)
            .timeoutMS(Configuration.queueLockTimeoutMs())
            .build();
    }
}
