package io.procmesh.core.channel;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.OpenedAhead;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Opens the persisted queues behind every channel with one set of settings.
 */
public final class Queues
{
    /**
     * Chronicle's rule for a write lock whose waiter timed out. procmesh needs exactly one rule: force the lock only
     * when its holder is dead. A writer that is merely paused (SIGSTOP, a long GC, a debugger) keeps its lock, and
     * the waiting append fails instead; forcing a live writer's lock lets two writers interleave one message.
     */
    public static final String FORCE_UNLOCK_MODE_PROP_NAME = "queue.force.unlock.mode";
    public static final String FORCE_UNLOCK_MODE = "LOCKING_PROCESS_DEAD";
    private static final OpenedAhead<AheadQueue> AHEAD = new OpenedAhead<>();

    private Queues()
    {
    }

    /**
     * Sets {@value #FORCE_UNLOCK_MODE_PROP_NAME} to {@value #FORCE_UNLOCK_MODE} unless it is set already, and
     * refuses any other value: Chronicle reads it when each queue's lock is made, and its default has changed
     * between releases before.
     *
     * @throws IllegalStateException if the property names another mode.
     */
    public static void requireForceUnlockOnlyWhenHolderDead()
    {
        final String mode = System.getProperty(FORCE_UNLOCK_MODE_PROP_NAME);
        if (mode == null)
        {
            System.setProperty(FORCE_UNLOCK_MODE_PROP_NAME, FORCE_UNLOCK_MODE);
        }
        else if (!FORCE_UNLOCK_MODE.equalsIgnoreCase(mode.trim()))
        {
            throw new IllegalStateException("-D" + FORCE_UNLOCK_MODE_PROP_NAME + "=" + mode + " is not supported: " +
                "procmesh needs " + FORCE_UNLOCK_MODE + " (ALWAYS corrupts a queue under a paused writer; NEVER " +
                "leaves a killed writer's lock held for good); remove the setting");
        }
    }

    public static ChronicleQueue open(final Path directory)
    {
        return open(directory, StoreFileListener.NO_OP);
    }

    /**
     * A queue opened ahead by a standby ({@link #openAhead}) is handed over instead of being mapped again, with the
     * listener in place of the one it was opened with.
     */
    public static ChronicleQueue open(final Path directory, final StoreFileListener storeFileListener)
    {
        final AheadQueue ahead = AHEAD.take(directory);
        if (ahead != null)
        {
            ahead.listener.handOver(storeFileListener);
            return ahead.queue;
        }
        return build(directory, storeFileListener);
    }

    /**
     * For a hot standby: maps the queue now, so that the take-over's {@link #open} of it takes this one. Reading and
     * writing start only there; mapping a queue another process writes changes nothing for it.
     */
    public static void openAhead(final Path directory)
    {
        AHEAD.openIfAbsent(directory, () -> mapAhead(directory));
    }

    private static AheadQueue mapAhead(final Path directory)
    {
        final HandOverListener listener = new HandOverListener();
        final ChronicleQueue queue = build(directory, listener);
        try
        {
            // Maps the current cycle's file, which the take-over's first tailer would otherwise map (measured 13-25
            // ms for the inbox's named tailer on a quiet 2-core host); the queue's close closes this tailer too.
            queue.createTailer().toEnd();
        }
        catch (final RuntimeException ex)
        {
            // Nothing else holds the queue yet: left open, it would stay mapped until this process exits.
            try
            {
                queue.close();
            }
            catch (final RuntimeException closeFailure)
            {
                ex.addSuppressed(closeFailure);
            }
            throw ex;
        }
        return new AheadQueue(queue, listener);
    }

    /**
     * Closes the queues opened ahead that no open took.
     *
     * @param onFailure gets each failure to close.
     * @return how many were not taken.
     */
    public static int closeUntakenAhead(final Consumer<Exception> onFailure)
    {
        return AHEAD.closeUntaken(onFailure);
    }

    private static ChronicleQueue build(final Path directory, final StoreFileListener storeFileListener)
    {
        // A writer killed inside an append leaves the queue's write lock held. Chronicle frees a dead holder's
        // lock only when a waiter times out (15 s by default, measured in WriterKillTest), so the timeout is short.
        // A live holder past it makes the append fail with an error instead of hanging the caller.
        requireForceUnlockOnlyWhenHolderDead();
        return SingleChronicleQueueBuilder.binary(directory.toFile())
            .rollCycle(rollCycle(Configuration.rollCycle()))
            .timeoutMS(Configuration.queueLockTimeoutMs())
            .storeFileListener(storeFileListener)
            .build();
    }

    private record AheadQueue(ChronicleQueue queue, HandOverListener listener) implements AutoCloseable
    {
        @Override
        public void close()
        {
            queue.close();
        }
    }

    /**
     * A queue's listener is fixed when it is built; this one passes events on to the listener of the open that
     * takes the queue. Cycle files are released only by a reader or writer, so none is missed before the hand-over.
     */
    private static final class HandOverListener implements StoreFileListener
    {
        private volatile StoreFileListener delegate = StoreFileListener.NO_OP;

        void handOver(final StoreFileListener listener)
        {
            delegate = listener;
        }

        @Override
        public void onAcquired(final int cycle, final File file)
        {
            delegate.onAcquired(cycle, file);
        }

        @Override
        public void onReleased(final int cycle, final File file)
        {
            delegate.onReleased(cycle, file);
        }
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
