package io.procmesh.core.channel;

import io.procmesh.core.config.Configuration;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

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
        return open(directory, StoreFileListener.NO_OP);
    }

    public static ChronicleQueue open(final Path directory, final StoreFileListener storeFileListener)
    {
        // A writer killed inside an append leaves the queue's write lock held. Chronicle frees a dead holder's
        // lock only when a waiter times out (15 s by default, measured in WriterKillTest), so the timeout is short.
        // A live holder past it makes the append fail with an error instead of hanging the caller.
        return SingleChronicleQueueBuilder.binary(directory.toFile())
            .rollCycle(rollCycle(Configuration.rollCycle()))
            .timeoutMS(Configuration.queueLockTimeoutMs())
            .storeFileListener(storeFileListener)
            .build();
    }

    static RollCycle rollCycle(final String name)
    {
        for (final RollCycles cycle : RollCycles.values())
        {
            if (cycle.name().equals(name))
            {
                return cycle;
            }
        }
        for (final TestRollCycles cycle : TestRollCycles.values())
        {
            if (cycle.name().equals(name))
            {
                return cycle;
            }
        }
        throw new IllegalArgumentException(Configuration.ROLL_CYCLE_PROP_NAME + " '" + name +
            "' is not a Chronicle roll cycle name, e.g. FAST_HOURLY or FAST_DAILY");
    }
}
