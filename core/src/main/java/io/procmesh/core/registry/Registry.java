package io.procmesh.core.registry;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.OpenedAhead;
import net.openhft.chronicle.bytes.Byteable;
import net.openhft.chronicle.bytes.PointerBytesStore;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.hash.locks.InterProcessLock;
import net.openhft.chronicle.hash.locks.InterProcessReadWriteUpdateLock;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.map.MapSegmentContext;
import net.openhft.chronicle.values.Values;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Consumer;

/**
 * The service registry: one persisted Chronicle Map, keyed by instance id, mapped into every process.
 * <p>
 * Only {@link #register}, {@link #attach}, {@link #remove}, {@link #reclaim} and {@link #snapshot} take the map's
 * segment locks, and they are rare. Heartbeats and counters go through the {@link InstanceSlot} returned by
 * register/attach. Entries are never moved: deregistering marks an instance DOWN and keeps its counters, so slots
 * stay valid until the entry is removed, which only happens to an instance gone for good ({@link #reclaim}) and
 * is announced by {@link #removals()}: a holder of slots reads that before using them, and rebinds when it moved.
 */
public final class Registry implements AutoCloseable
{
    public static final int AVERAGE_KEY_BYTES = 24;
    /**
     * How long {@link #attach} waits for a segment's read lock. A live holder keeps it for microseconds; waiting
     * Chronicle's own 60 s would freeze the launcher's health monitor behind a lock a dead process left.
     */
    public static final long ATTACH_LOCK_TIMEOUT_MS = 1_000;
    private static final long HOLDER_POLL_MS = 20;
    private static final OpenedAhead<Registry> AHEAD = new OpenedAhead<>();
    private final ChronicleMap<CharSequence, InstanceRecord> map;
    private final RegistryGeneration generation;
    private final Path file;
    private final int maxInstances;
    private final long reclaimGraceMs;
    private final RegistryReclaim reclaim;
    private final EntryClaim claim;

    private Registry(
        final ChronicleMap<CharSequence, InstanceRecord> map,
        final Path file,
        final int maxInstances,
        final long reclaimGraceMs)
    {
        this.map = map;
        this.file = file;
        this.maxInstances = maxInstances;
        this.reclaimGraceMs = reclaimGraceMs;
        this.generation = RegistryGeneration.open(file.resolveSibling(file.getFileName() + ".generation"));
        this.reclaim = new RegistryReclaim(map, generation, file.toString());
        this.claim = new EntryClaim(map, file.toString(), maxInstances);
    }

    /**
     * Opens the registry file, creating it if absent, with procmesh.registry.reclaimGraceMs for a full registry's
     * reclamation. Safe to call from several processes at once.
     */
    public static Registry open(final Path file, final int maxInstances)
    {
        return open(file, maxInstances, Configuration.registryReclaimGraceMs());
    }

    /**
     * @param reclaimGraceMs how long a gone instance's entry stays after its last heartbeat before a full
     *                       registry's {@link #register} may remove it.
     */
    public static Registry open(final Path file, final int maxInstances, final long reclaimGraceMs)
    {
        final Registry ahead = AHEAD.take(file);
        if (ahead != null)
        {
            return ahead;
        }
        generateValueClasses();
        RegistryLayout.check(file);
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            final ChronicleMap<CharSequence, InstanceRecord> map = builder(maxInstances)
                .createPersistedTo(file.toFile());
            return new Registry(map, file, maxInstances, reclaimGraceMs);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open registry " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * For a hot standby: the registry it watched through becomes the one the take-over's {@link #open} of the same
     * file returns, instead of the file being mapped again.
     */
    public static void handOver(final Registry registry)
    {
        if (!AHEAD.put(registry.file, registry))
        {
            registry.close();
        }
    }

    /**
     * Closes a registry handed over that no open took.
     *
     * @param onFailure gets each failure to close.
     * @return how many were not taken.
     */
    public static int closeUntakenAhead(final Consumer<Exception> onFailure)
    {
        return AHEAD.closeUntaken(onFailure);
    }

    /**
     * Rebuilds a registry whose segment lock was left held by a dead process. Every process using the file must
     * be stopped first; only the launcher does this.
     */
    public static Registry recover(final Path file, final int maxInstances)
    {
        generateValueClasses();
        RegistryLayout.check(file);
        try
        {
            final ChronicleMap<CharSequence, InstanceRecord> map = builder(maxInstances)
                .recoverPersistedTo(file.toFile(), true);
            return new Registry(map, file, maxInstances, Configuration.registryReclaimGraceMs());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot recover registry " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Loads the record's heap and native classes before any lock is taken. The build generates and compiles them
     * into the jar (ValueClassGenerator), so this is a class load; were one missing, Chronicle Values would compile
     * it with javac, seconds on a busy host, and done lazily that happened in the first scan while holding a
     * segment lock:
     * a process killed in those seconds wedged the map for everyone (seen in CI).
     */
    private static void generateValueClasses()
    {
        Values.newHeapInstance(InstanceRecord.class);
        Values.newNativeReference(InstanceRecord.class);
    }

    private static net.openhft.chronicle.map.ChronicleMapBuilder<CharSequence, InstanceRecord> builder(
        final int maxInstances)
    {
        return ChronicleMap.of(CharSequence.class, InstanceRecord.class)
            .name("procmesh-registry")
            .entries(maxInstances)
            .averageKeySize(AVERAGE_KEY_BYTES)
            // Slots are written through off-heap pointers, outside the map's API, so entry checksums would all be
            // stale and recovery would discard every entry as corrupt (measured in RegistryWedgeTest).
            .checksumEntries(false)
            // Chronicle's own exit hook would unmap the file while our threads still write slots during a
            // graceful stop (seen as SIGSEGV). Owners close the registry themselves, last.
            .skipCloseOnExitHook(true);
    }

    public Path file()
    {
        return file;
    }

    /**
     * Registers with the default staleness, procmesh.instanceStaleMs's default; see
     * {@link #register(Registration, long)}.
     */
    public InstanceSlot register(final Registration registration)
    {
        return register(registration, Configuration.INSTANCE_STALE_MS_DEFAULT);
    }

    /**
     * Registers or re-registers an instance and returns its slot, with status STARTING. A re-registration keeps
     * the counters and the last handled inbox index of the previous incarnation. A new instance id in a full
     * registry first reclaims the entries of instances gone for good past the grace period ({@link #reclaim}, keeping
     * nothing else), so even a mesh without a launcher never fills up with exited processes.
     * <p>
     * One live process per instance id: while the entry's recorded pid is another process that is alive, not
     * DOWN, and heartbeating within {@code staleMs}, this waits (a holder being replaced is dying or stopped, so its
     * heartbeat goes stale within {@code staleMs}) and then refuses with {@link InstanceIdInUseException}. The check
     * and the claim are made under the entry's write lock, so two racing registrations cannot both win.
     *
     * @param staleMs the heartbeat age beyond which a holder is not live ({@code procmesh.instanceStaleMs}).
     */
    public InstanceSlot register(final Registration registration, final long staleMs)
    {
        final String instanceId = registration.instanceId();
        if (!map.containsKey(instanceId) && map.size() >= maxInstances)
        {
            reclaim(reclaimGraceMs, entry -> false);
            if (map.size() >= maxInstances)
            {
                throw new RegistryFullException(instanceId, maxInstances, null);
            }
        }
        final long staleNs = TimeUnit.MILLISECONDS.toNanos(staleMs);
        final long deadlineNs = System.nanoTime() + staleNs + TimeUnit.MILLISECONDS.toNanos(HOLDER_POLL_MS);
        while (true)
        {
            final InstanceRecord record = claim.claim(registration, staleNs);
            if (record != null)
            {
                generation.bump();
                return new InstanceSlot(instanceId, record, generation);
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                final InstanceSnapshot holder = InstanceSnapshot.of(bindStable(instanceId));
                throw new InstanceIdInUseException(instanceId, holder.pid(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - holder.heartbeatNs()));
            }
            InstanceLiveness.sleep(HOLDER_POLL_MS);
        }
    }

    /**
     * Binds a slot to an existing instance for lock-free reading, e.g. by the health monitor.
     *
     * @return the slot, or null if the instance never registered.
     * @throws RegistryWedgedException if the entry's segment lock stays taken for {@link #ATTACH_LOCK_TIMEOUT_MS}.
     */
    public InstanceSlot attach(final String instanceId)
    {
        final InstanceRecord record = bindStable(instanceId);
        return record == null ? null : new InstanceSlot(instanceId, record, generation);
    }

    /**
     * Binds a reference of our own to the entry's off-heap value. The value acquireUsing returns belongs to the
     * calling thread's query context and moves with that thread's next query (measured: a second attach on one
     * thread re-pointed the first slot, and a slot attached after a registry scan on the same thread kept reading
     * a stale heartbeat). So the entry's absolute address is read inside an explicit query context, under its
     * read lock, and the slot gets its own pointer to it. Fixed-size entries never move, so the address holds while
     * the map is open and the entry is not removed.
     */
    private InstanceRecord bindStable(final String instanceId)
    {
        final long address;
        try (ExternalMapQueryContext<CharSequence, InstanceRecord, ?> context = map.queryContext(instanceId))
        {
            if (!context.readLock().tryLock(ATTACH_LOCK_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                throw new RegistryWedgedException(file.toString(), instanceId, ATTACH_LOCK_TIMEOUT_MS);
            }
            final MapEntry<CharSequence, InstanceRecord> entry = context.entry();
            if (entry == null)
            {
                return null;
            }
            address = addressOf(entry);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while attaching to '" + instanceId + "' in " + file, ex);
        }
        return stableAt(address);
    }

    static long addressOf(final MapEntry<CharSequence, InstanceRecord> entry)
    {
        final Data<InstanceRecord> value = entry.value();
        return value.bytes().addressForRead(value.offset());
    }

    static InstanceRecord stableAt(final long address)
    {
        final InstanceRecord stable = Values.newNativeReference(InstanceRecord.class);
        final long size = ((Byteable)stable).maxSize();
        final PointerBytesStore ownPointer = new PointerBytesStore();
        ownPointer.set(address, size);
        ((Byteable)stable).bytesStore(ownPointer, 0, size);
        return stable;
    }

    /**
     * Marks an instance DOWN. Its entry and counters stay for status and metrics.
     */
    public void deregister(final InstanceSlot slot)
    {
        slot.status(InstanceStatus.DOWN);
    }

    /**
     * Removes an instance's entry whatever its state, under its write lock, counting the removal first
     * ({@link #removals()}). Any slot bound to it must no longer be used; for an instance that may still run, use
     * {@link #reclaim}.
     */
    public boolean remove(final String instanceId)
    {
        return reclaim.remove(instanceId);
    }

    /**
     * Removes the entry of every instance gone for good: its pid is not running (or the entry is from another
     * boot), its last heartbeat is older than {@code graceMs}, and {@code keep} does not keep it (the launcher keeps
     * the instances it supervises, so a crashed one it will restart keeps its entry and counters). A live process
     * is never removed, however stale. Takes segment locks: a scan, then each removal under its entry's write lock.
     *
     * @param keep judged on a copy of the entry, never under a lock.
     * @return the removed entries, as they were when removed.
     * @throws RegistryWedgedException if an entry's lock stays taken for {@link #ATTACH_LOCK_TIMEOUT_MS}.
     */
    public List<InstanceSnapshot> reclaim(final long graceMs, final Predicate<InstanceSnapshot> keep)
    {
        return reclaim.reclaim(graceMs, keep);
    }

    /**
     * @return how many entries were ever removed, read without a lock. A removed entry's memory may be taken by
     * the next registration, so a process holding slots reads this before using them and, when it moved, drops or
     * rebinds them first (see docs/architecture.md, the registry's reclamation).
     */
    public long removals()
    {
        return generation.removals();
    }

    public long reclaimGraceMs()
    {
        return reclaimGraceMs;
    }

    /**
     * @return a number that changes whenever an instance registers, advertises its inbox or is removed; read
     * without any lock, so a caller can skip a {@link #snapshot()} when nothing changed.
     */
    public long generation()
    {
        return generation.current();
    }

    /**
     * @return a copy of every entry. Takes segment read locks: for status, refresh and tests, not per message.
     */
    public List<InstanceSnapshot> snapshot()
    {
        final List<InstanceSnapshot> result = new ArrayList<>();
        map.forEach((key, value) -> result.add(InstanceSnapshot.of(value)));
        return result;
    }

    public int size()
    {
        return map.size();
    }

    /**
     * Whether every segment's write lock can be taken within the timeout. A segment lock left held by a killed
     * process, even a read lock from a scan, blocks every writer of it (60 s, then InterProcessDeadLockException);
     * such a map is wedged and needs {@link #recover} with every user stopped. The probe never blocks past the
     * timeout, and holds each write lock only to release it.
     */
    public boolean isResponsive(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (int segment = 0, segments = map.segments(); segment < segments; segment++)
        {
            try (MapSegmentContext<CharSequence, InstanceRecord, ?> context = map.segmentContext(segment))
            {
                final InterProcessLock writeLock = ((InterProcessReadWriteUpdateLock)context).writeLock();
                final long remainingNs = Math.max(0, deadlineNs - System.nanoTime());
                if (!writeLock.tryLock(remainingNs, TimeUnit.NANOSECONDS))
                {
                    return false;
                }
                writeLock.unlock();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return false;
            }
            catch (final RuntimeException ex)
            {
                return false;
            }
        }
        return true;
    }

    ChronicleMap<CharSequence, InstanceRecord> map()
    {
        return map;
    }

    public int maxInstances()
    {
        return maxInstances;
    }

    @Override
    public void close()
    {
        generation.close();
        map.close();
    }
}
