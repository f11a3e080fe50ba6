package io.procmesh.core.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An append to a queue failed because its memory-mapped file could not take the bytes: the file system is full,
 * or the file was truncated underneath. The JVM reports the SIGBUS of such a write as an {@link InternalError};
 * this turns it into an ordinary failure of the one send, naming the queue and the free space, so a caller gets
 * a clear error instead of a dead thread.
 */
public final class ChannelWriteException extends IllegalStateException
{
    public ChannelWriteException(final Path queue, final Throwable cause)
    {
        super("cannot append to queue " + queue + ": its file could not grow (file system full, or the file was " +
            "truncated); " + freeSpace(queue), cause);
    }

    private static String freeSpace(final Path queue)
    {
        try
        {
            return Files.getFileStore(queue).getUsableSpace() / (1024 * 1024) + " MiB free there";
        }
        catch (final IOException | RuntimeException ex)
        {
            return "free space unknown (" + ex.getMessage() + ")";
        }
    }
}
