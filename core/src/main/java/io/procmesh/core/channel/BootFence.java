package io.procmesh.core.channel;

import io.procmesh.core.config.BootId;
import net.openhft.chronicle.queue.ChronicleQueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Which of a queue's documents were written in an earlier boot of this host, whose deadlines (CLOCK_MONOTONIC)
 * mean nothing now.
 * <p>
 * {@code boot.fence} in the queue's directory holds a boot id and an index. The first process of a boot to open
 * the queue, reader or writer, before it writes anything, records this boot and the queue's last index: every
 * document at or below that index is from an earlier boot. A file lock (and, within one JVM, this class's monitor)
 * makes the check-and-write atomic, so no document of this boot can land below the fence. Once per queue open,
 * never per message.
 */
final class BootFence
{
    static final String FILE_NAME = "boot.fence";
    /**
     * No document is from an earlier boot: real indexes carry their cycle in the high bits and are never 0.
     */
    static final long NONE = 0;
    private static final int BYTES = 16;

    private BootFence()
    {
    }

    /**
     * @return the index at or below which the queue's documents are from an earlier boot, or {@link #NONE}.
     */
    static synchronized long ensure(final Path queueDirectory, final ChronicleQueue queue)
    {
        final Path file = queueDirectory.resolve(FILE_NAME);
        try (FileChannel channel = FileChannel.open(file,
            StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock())
        {
            final ByteBuffer buffer = ByteBuffer.allocate(BYTES);
            final boolean recorded = channel.read(buffer, 0) == BYTES;
            buffer.flip();
            if (recorded && !BootId.isOtherBoot(buffer.getLong(0)))
            {
                return buffer.getLong(8);
            }
            final long fence = recorded ? Math.max(queue.lastIndex(), NONE) : NONE;
            buffer.clear();
            buffer.putLong(BootId.current()).putLong(fence).flip();
            channel.write(buffer, 0);
            channel.force(true);
            return fence;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read or write the boot fence " + file + ": " + ex.getMessage(), ex);
        }
    }
}
