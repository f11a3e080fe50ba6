package io.procmesh.core.channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An inbox's last handled index, kept in a small memory-mapped file inside the queue's own directory.
 * <p>
 * Why beside the queue and not only in the registry: an index means something only in the queue that issued it.
 * Living in the queue's directory, the mark is deleted with the queue (a recreated inbox starts unmarked instead of
 * dropping its first requests as replays) and survives a deleted registry (the request in flight at the last crash
 * is still recognised as a replay). A mark beyond the queue's last index (its cycle files were removed) is reset
 * on open. The registry slot keeps a copy for status and progress, written after each claim.
 * <p>
 * Each index is claimed with a compare-and-set on the mapped word before its handler runs, so two readers of one
 * inbox (which registration refuses, but a process being replaced may still read) never both run one index.
 * The file is never unmapped explicitly (the mapping goes with the buffer), so a reader still inside
 * {@link #claim} at shutdown cannot fault.
 */
public final class HandledMark
{
    public static final String FILE_NAME = "handled.mark";
    /**
     * No index handled: Chronicle indexes carry the cycle in their high bits, so a real one is never 0.
     */
    public static final long NONE = 0;
    private static final int FILE_BYTES = 64;
    private static final int INDEX_OFFSET = 0;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer buffer;
    private final long resetFrom;

    private HandledMark(final MappedByteBuffer buffer, final long resetFrom)
    {
        this.buffer = buffer;
        this.resetFrom = resetFrom;
    }

    /**
     * Opens or creates the mark of the queue in {@code queueDirectory}.
     *
     * @param queueLastIndex the queue's last index now, or a negative number if it is empty; a larger mark is
     *                       from cycle files that are gone, and is reset.
     */
    public static HandledMark open(final Path queueDirectory, final long queueLastIndex)
    {
        final Path file = queueDirectory.resolve(FILE_NAME);
        try
        {
            Files.createDirectories(queueDirectory);
            final MappedByteBuffer buffer;
            try (FileChannel channel = FileChannel.open(file,
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_BYTES);
            }
            final long mark = (long)LONG.getVolatile(buffer, INDEX_OFFSET);
            if (mark > Math.max(queueLastIndex, NONE))
            {
                LONG.compareAndSet(buffer, INDEX_OFFSET, mark, NONE);
                return new HandledMark(buffer, mark);
            }
            return new HandledMark(buffer, NONE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open the handled mark " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the mark found beyond the queue's end and reset on open, or {@link #NONE}.
     */
    public long resetFrom()
    {
        return resetFrom;
    }

    public long get()
    {
        return (long)LONG.getVolatile(buffer, INDEX_OFFSET);
    }

    /**
     * Moves the mark to {@code index} if it is below it.
     *
     * @return true if this caller moved it (the index is its to handle), false if the index was already claimed.
     */
    public boolean claim(final long index)
    {
        long last;
        do
        {
            last = (long)LONG.getVolatile(buffer, INDEX_OFFSET);
            if (index <= last)
            {
                return false;
            }
        }
        while (!LONG.compareAndSet(buffer, INDEX_OFFSET, last, index));
        return true;
    }
}
