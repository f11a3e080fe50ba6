package io.procmesh.core.breaker;

import io.procmesh.core.config.BootId;
import net.openhft.chronicle.bytes.MappedBytes;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared memory of every circuit breaker on the host: one mapped file beside the registry, {@value #SLOTS}
 * fixed slots of {@value #SLOT_BYTES} bytes, the first one a header (layout version, the boot its times are from).
 * A breaker's slot is found by its name's hash, claimed with one compare-and-swap of that hash, and never moves or
 * is freed, so a process keeps its offset for life. Every later write is a compare-and-swap or an atomic add of one
 * word: no lock exists that a process killed mid-update could leave held, and any word it left is one a live
 * process would have written.
 * <p>
 * Why not the registry's Chronicle Map: a map entry is created under a segment lock, and a process killed holding it
 * wedges the map for every writer; a breaker is created on a process's first call to a target, at any time.
 * <pre>
 * slot:   0 name hash (0: free)  8 state word     16 trial successes  24 bucket ms (int), wait ms (int)
 *        32 transitions         40 openings
 *        64 calls not permitted 72 retries refused          (their own cache line: written on every refusal)
 *       128 name length (int)  132 name (UTF-8)
 *       384 {@value #BUCKETS} buckets of 4 words (calls, failures, slow calls, retries), each word the bucket's
 *           epoch (high 32 bits) and its count (low 32 bits), so a bucket is renewed by the same CAS that counts
 * </pre>
 */
public final class BreakerTable implements AutoCloseable
{
    public static final int SLOTS = 1024;
    public static final int SLOT_BYTES = 1024;
    public static final int BUCKETS = 10;
    public static final int MAX_NAME_BYTES = 252;
    static final long STATE = 8;
    static final long TRIALS = 16;
    static final long BUCKET_MS = 24;
    static final long WAIT_MS = 28;
    static final long TRANSITIONS = 32;
    static final long OPENINGS = 40;
    // Written on every refusal: a cache line apart from the state word, which every call of every process reads.
    static final long NOT_PERMITTED = 64;
    static final long RETRIES_REFUSED = 72;
    static final long NAME_LENGTH = 128;
    static final long NAME = 132;
    static final long BUCKET_WORDS = 384;
    static final int CALLS = 0;
    static final int FAILURES = 1;
    static final int SLOW = 2;
    static final int RETRIES = 3;
    private static final long FILE_BYTES = (long)SLOTS * SLOT_BYTES;
    private static final long MAGIC = 0x70726d42726b7203L;
    private static final long BOOT_ID = 8;
    private static final ConcurrentHashMap<Path, BreakerTable> SHARED = new ConcurrentHashMap<>();
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
            final BreakerTable table = new BreakerTable(bytes, file);
            table.forgetEarlierBoot();
            return table;
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
     * The table of {@code file} for this process's calls, mapped once per process and never unmapped: a thread
     * still finishing a call may touch it after its client closed, and unmapping under it would be a SIGSEGV. A
     * process maps at most one per data directory it uses.
     */
    public static BreakerTable shared(final Path file)
    {
        return SHARED.computeIfAbsent(file.toAbsolutePath().normalize(), BreakerTable::open);
    }

    /**
     * Every time in the table is of the monotonic clock, which starts again at a reboot: a breaker opened before it
     * would refuse calls for as long as the last boot had run. The first process of a new boot sets every breaker
     * back to CLOSED with an empty window; their totals stay.
     */
    private void forgetEarlierBoot()
    {
        final long current = BootId.current();
        final long recorded = bytes.readVolatileLong(BOOT_ID);
        if (recorded == current || !bytes.compareAndSwapLong(BOOT_ID, recorded, current))
        {
            return;
        }
        for (int i = 1; i < SLOTS; i++)
        {
            final long slot = (long)i * SLOT_BYTES;
            if (bytes.readVolatileLong(slot) == 0)
            {
                continue;
            }
            bytes.writeOrderedLong(slot + STATE, 0);
            bytes.writeOrderedLong(slot + TRIALS, 0);
            for (int word = 0; word < BUCKETS * 4; word++)
            {
                bytes.writeOrderedLong(slot + BUCKET_WORDS + word * 8L, 0);
            }
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

    void writeInt(final long offset, final int value)
    {
        bytes.writeOrderedInt(offset, value);
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
