package io.procmesh.core.channel;

import io.procmesh.core.agent.ErrorHandler;
import net.openhft.chronicle.queue.impl.StoreFileListener;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Deletes a queue's roll-cycle files once its only reader has passed them, keeping the last {@code retainCycles}
 * passed cycles for inspection. Used on inboxes and reply queues, which have exactly one reader; topics have one
 * reader per subscribing service and are kept whole.
 * <p>
 * Chronicle calls {@link #onReleased} when this process unmaps a cycle file, i.e. after the reader moved on.
 */
final class RetentionPolicy implements StoreFileListener
{
    private final int retainCycles;
    private final ErrorHandler errorHandler;
    private volatile int readCycle = Integer.MIN_VALUE;
    private volatile long deletedFiles;

    RetentionPolicy(final int retainCycles, final ErrorHandler errorHandler)
    {
        this.retainCycles = retainCycles;
        this.errorHandler = errorHandler;
    }

    void reading(final int cycle)
    {
        if (cycle > readCycle)
        {
            readCycle = cycle;
        }
    }

    @Override
    public void onReleased(final int cycle, final File file)
    {
        if (retainCycles >= 0 && cycle < readCycle - retainCycles)
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
    }

    long deletedFiles()
    {
        return deletedFiles;
    }
}
