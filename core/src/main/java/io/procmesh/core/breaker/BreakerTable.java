package io.procmesh.core.breaker;

import net.openhft.chronicle.bytes.MappedBytes;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared memory of every circuit breaker on the host: one mapped file beside the registry, {@value #SLOTS}
 * fixed slots of {@value #SLOT_BYTES} bytes, the first one a header. A breaker's slot is found by its name's hash,
 * claimed with one compare-and-swap of that hash, and never moves or is freed, so a process keeps its offset for
 * life. Every later write is a compare-and-swap or an atomic add of one word: no lock exists that a process killed
 * mid-update could leave held, and any word it left is one a live process would have written.
 * <p>
 * Why not the registry's Chronicle Map: a map entry is created under a segment lock, and a process killed holding it
 * wedges the map for every writer; a breaker is created on a process's first call to a target, at any time.
 * <pre>
 * slot:  0 name hash (0: free)     8 state word                16 transitions      24 calls not permitted
 *       32 trial successes        40 openings                 48 retries refused  56 bucket ms (int), wait ms (int)
 *       64 name length (int)      68 name (UTF-8)
 *      192 {@value #BUCKETS} buckets of 4 words (calls, failures, slow calls, retries), each word the bucket's
 *          epoch (high 32 bits) and its count (low 32 bits), so a bucket is renewed by the same CAS that counts
 * </pre>
 */
public final class BreakerTable implements AutoCloseable
{
    public static final int SLOTS = 256;
    public static final int SLOT_BYTES = 512;
    public static final int BUCKETS = 10;
    public static final int MAX_NAME_BYTES = 124;
    static final long STATE = 8;
    static final long TRANSITIONS = 16;
    static final long NOT_PERMITTED = 24;
    static final long TRIALS = 32;
    static final long OPENINGS = 40;
    static final long RETRIES_REFUSED = 48;
    static final long BUCKET_MS = 56;
    static final long WAIT_MS = 60;
    static final long NAME_LENGTH = 64;
    static final long NAME = 68;
    static final long BUCKET_WORDS = 192;
    static final int CALLS = 0;
    static final int FAILURES = 1;
    static final int SLOW = 2;
    static final int RETRIES = 3;
    private static final long FILE_BYTES = (long)SLOTS * SLOT_BYTES;
    private static final long MAGIC = 0x70726d42726b7201L;
    private final MappedBytes bytes;
    private final Path file;

    private BreakerTable(final MappedBytes bytes, final Path file)
    {
        this.bytes = bytes;
        this.file = file;
    }

    /**
     * Maps the table, creating it if absent; safe from several processes at once.
     *
     * @throws IllegalStateException if the file is not a breaker table of this layout.
     */
    public static BreakerTable open(final Path file)
    {
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            final MappedBytes bytes = MappedBytes.singleMappedBytes(file.toFile(), FILE_BYTES);
            bytes.singleThreadedCheckDisabled(true);
            final long magic = bytes.readVolatileLong(0);
            if (magic != MAGIC && !(magic == 0 && bytes.compareAndSwapLong(0, 0, MAGIC)) &&
                bytes.readVolatileLong(0) != MAGIC)
            {
                bytes.releaseLast();
                throw new IllegalStateException(file + " is not a procmesh breaker table of this version " +
                    "(delete it with every process stopped: breakers start CLOSED)");
            }
            return new BreakerTable(bytes, file);
        }
        catch (final FileNotFoundException ex)
        {
            throw new UncheckedIOException("cannot open " + file + ": " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the directory of " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the breaker named {@code name}, its slot claimed if no process has yet.
     * @throws IllegalStateException if the name is too long or every slot is taken.
     */
    public CircuitBreaker breaker(final String name, final BreakerSettings settings)
    {
        return new CircuitBreaker(this, name, slotOf(name, settings), settings);
    }

    private long slotOf(final String name, final BreakerSettings settings)
    {
        final byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length == 0 || utf8.length > MAX_NAME_BYTES)
        {
            throw new IllegalStateException("breaker name must be 1 to " + MAX_NAME_BYTES + " bytes: " + name);
        }
        final long hash = hash(utf8);
        final int usable = SLOTS - 1;
        final int home = (int)Long.remainderUnsigned(hash, usable);
        for (int probe = 0; probe < usable; probe++)
        {
            final long slot = (long)(1 + (home + probe) % usable) * SLOT_BYTES;
            long owner = bytes.readVolatileLong(slot);
            if (owner == 0 && bytes.compareAndSwapLong(slot, 0, hash))
            {
                owner = hash;
            }
            else if (owner == 0)
            {
                owner = bytes.readVolatileLong(slot);
            }
            if (owner == hash)
            {
                // The claimer writes these once; one killed before it did leaves them for the next opener.
                if (bytes.readVolatileInt(slot + NAME_LENGTH) == 0)
                {
                    bytes.writeOrderedInt(slot + BUCKET_MS, (int)settings.bucketMs());
                    bytes.writeOrderedInt(slot + WAIT_MS, (int)settings.waitMs());
                    for (int i = 0; i < utf8.length; i++)
                    {
                        bytes.writeByte(slot + NAME + i, utf8[i]);
                    }
                    bytes.writeOrderedInt(slot + NAME_LENGTH, utf8.length);
                }
                return slot;
            }
        }
        throw new IllegalStateException("breaker table " + file + " is full (" + usable + " breakers): no breaker " +
            "for " + name);
    }

    /**
     * @return every breaker some process has used, read lock-free; for status and metrics, not per call.
     */
    public List<BreakerSnapshot> snapshot(final long nowNs)
    {
        final List<BreakerSnapshot> all = new ArrayList<>();
        for (int i = 1; i < SLOTS; i++)
        {
            final long slot = (long)i * SLOT_BYTES;
            final int length = bytes.readVolatileInt(slot + NAME_LENGTH);
            if (bytes.readVolatileLong(slot) == 0 || length <= 0 || length > MAX_NAME_BYTES)
            {
                continue;
            }
            final byte[] utf8 = new byte[length];
            for (int b = 0; b < length; b++)
            {
                utf8[b] = bytes.readByte(slot + NAME + b);
            }
            all.add(CircuitBreaker.snapshot(this, slot, new String(utf8, StandardCharsets.UTF_8), nowNs));
        }
        return all;
    }

    long read(final long offset)
    {
        return bytes.readVolatileLong(offset);
    }

    int readInt(final long offset)
    {
        return bytes.readVolatileInt(offset);
    }

    boolean compareAndSet(final long offset, final long expected, final long value)
    {
        return bytes.compareAndSwapLong(offset, expected, value);
    }

    void increment(final long offset)
    {
        bytes.addAndGetLong(offset, 1);
    }

    Path file()
    {
        return file;
    }

    /**
     * FNV-1a, then a 64-bit finalizer to spread it; never 0, which marks a free slot.
     */
    static long hash(final byte[] utf8)
    {
        long h = 0xcbf29ce484222325L;
        for (final byte b : utf8)
        {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    @Override
    public void close()
    {
        bytes.releaseLast();
    }
}
