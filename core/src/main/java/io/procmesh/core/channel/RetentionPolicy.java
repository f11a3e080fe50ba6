package io.procmesh.core.channel;

import io.procmesh.core.agent.ErrorHandler;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Deletes a queue's roll-cycle files once its only reader has passed them, keeping the last {@code retainCycles}
 * passed cycles for inspection. Used on inboxes and reply queues, which have exactly one reader; topics have one
 * reader per subscribing service and are kept whole.
 * <p>
 * Chronicle reports a cycle file as released when this process unmaps it, which can happen before or after the
 * reader is seen in the next cycle; released files wait here until the reader is far enough past them. Files this
 * process never opened (left by a previous process of the same instance, killed before it deleted them) are never
 * released here, so each cycle change also sweeps the directory for cycle files older than the kept ones. Deletion
 * runs on the reader's thread, once per cycle change, never per message.
 */
final class RetentionPolicy implements StoreFileListener
{
    private final int retainCycles;
    private final ErrorHandler errorHandler;
    private final ConcurrentLinkedQueue<ReleasedFile> released = new ConcurrentLinkedQueue<>();
    private volatile long deletedFiles;
    private boolean sweepDisabled;

    RetentionPolicy(final int retainCycles, final ErrorHandler errorHandler)
    {
        this.retainCycles = retainCycles;
        this.errorHandler = errorHandler;
    }

    @Override
    public void onReleased(final int cycle, final File file)
    {
        released.add(new ReleasedFile(cycle, file));
    }

    /**
     * The reader has started reading this cycle of the queue.
     */
    void reading(final int cycle, final SingleChronicleQueue queue)
    {
        deleteReleased(cycle);
        sweepLeftovers(cycle, queue);
    }

    private void deleteReleased(final int cycle)
    {
        for (final Iterator<ReleasedFile> it = released.iterator(); it.hasNext(); )
        {
            final ReleasedFile candidate = it.next();
            if (candidate.cycle < cycle - retainCycles)
            {
                it.remove();
                delete(candidate.file);
            }
        }
    }

    /**
     * Cycle file names are the cycle's start time in the roll cycle's fixed-width, most-significant-first pattern,
     * so "older than the oldest kept cycle" is a comparison of names. Checked against the file being read: if the
     * name of the current cycle is not there, the naming differs from what this assumes and nothing is swept.
     */
    private void sweepLeftovers(final int cycle, final SingleChronicleQueue queue)
    {
        if (sweepDisabled)
        {
            return;
        }
        final RollCycle rollCycle = queue.rollCycle();
        final DateTimeFormatter names = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
        final File directory = queue.file();
        if (!new File(directory, fileName(names, rollCycle, queue.epoch(), cycle)).exists())
        {
            sweepDisabled = true;
            errorHandler.onError(new IllegalStateException("retention cannot name the cycle files of " + directory +
                "; files left by earlier processes are kept"));
            return;
        }
        final String oldestKept = fileName(names, rollCycle, queue.epoch(), cycle - retainCycles);
        final File[] files = directory.listFiles(
            (dir, name) -> name.endsWith(SingleChronicleQueue.SUFFIX) && name.compareTo(oldestKept) < 0);
        if (files != null)
        {
            for (final File file : files)
            {
                delete(file);
            }
        }
    }

    private static String fileName(
        final DateTimeFormatter names, final RollCycle rollCycle, final long epoch, final int cycle)
    {
        return names.format(Instant.ofEpochMilli((long)cycle * rollCycle.lengthInMillis() + epoch)) +
            SingleChronicleQueue.SUFFIX;
    }

    private void delete(final File file)
    {
        try
        {
            if (Files.deleteIfExists(file.toPath()))
            {
                deletedFiles++;
            }
        }
        catch (final IOException ex)
        {
            errorHandler.onError(new IOException("retention could not delete " + file + ": " + ex, ex));
        }
    }

    long deletedFiles()
    {
        return deletedFiles;
    }

    private record ReleasedFile(int cycle, File file)
    {
    }
}
