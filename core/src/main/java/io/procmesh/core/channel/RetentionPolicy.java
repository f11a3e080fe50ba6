package io.procmesh.core.channel;

import io.procmesh.core.agent.ErrorHandler;
import net.openhft.chronicle.queue.impl.StoreFileListener;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Deletes a queue's roll-cycle files once its only reader has passed them, keeping the last {@code retainCycles}
 * passed cycles for inspection. Used on inboxes and reply queues, which have exactly one reader; topics have one
 * reader per subscribing service and are kept whole.
 * <p>
 * Chronicle reports a cycle file as released when this process unmaps it, which can happen before or after the
 * reader is seen in the next cycle; released files wait here until the reader is far enough past them. Deletion
 * runs on the reader's thread, once per cycle change, never per message.
 */
final class RetentionPolicy implements StoreFileListener
{
    private final int retainCycles;
    private final ErrorHandler errorHandler;
    private final ConcurrentLinkedQueue<ReleasedFile> released = new ConcurrentLinkedQueue<>();
    private volatile long deletedFiles;

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
     * The reader has started reading this cycle.
     */
    void reading(final int cycle)
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
