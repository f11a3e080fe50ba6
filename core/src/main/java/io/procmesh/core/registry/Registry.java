package io.procmesh.core.registry;

import io.procmesh.core.config.BootId;
import io.procmesh.core.config.Configuration;
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

/**
 * The service registry: one persisted Chronicle Map, keyed by instance id, mapped into every process.
 * <p>
 * Only {@link #register}, {@link #attach}, {@link #remove} and {@link #snapshot} take the map's segment locks,
 * and they are rare. Heartbeats and counters go through the {@link InstanceSlot} returned by register/attach.
 * Entries are never moved: deregistering marks an instance DOWN and keeps its counters, so slots stay valid.
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
    private final ChronicleMap<CharSequence, InstanceRecord> map;
    private final RegistryGeneration generation;
    private final Path file;
    private final int maxInstances;

    private Registry(final ChronicleMap<CharSequence, InstanceRecord> map, final Path file, final int maxInstances)
    {
        this.map = map;
        this.file = file;
        this.maxInstances = maxInstances;
        this.generation = RegistryGeneration.open(file.resolveSibling(file.getFileName() + ".generation"));
    }

    /**
     * Opens the registry file, creating it if absent. Safe to call from several processes at once.
     */
    public static Registry open(final Path file, final int maxInstances)
    {
        generateValueClasses();
        RegistryLayout.check(file);
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            final ChronicleMap<CharSequence, InstanceRecord> map = builder(maxInstances)
                .createPersistedTo(file.toFile());
            return new Registry(map, file, maxInstances);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open registry " + file + ": " + ex.getMessage(), ex);
        }
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
            return new Registry(map, file, maxInstances);
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
     * the counters and the last handled inbox index of the previous incarnation.
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
            throw new RegistryFullException(instanceId, maxInstances, null);
        }
        try
        {
            map.acquireUsing(instanceId, Values.newNativeReference(InstanceRecord.class));
        }
        catch (final IllegalStateException ex)
        {
            throw new RegistryFullException(instanceId, maxInstances, ex);
        }
        final long staleNs = TimeUnit.MILLISECONDS.toNanos(staleMs);
        final long deadlineNs = System.nanoTime() + staleNs + TimeUnit.MILLISECONDS.toNanos(HOLDER_POLL_MS);
        while (true)
        {
            final InstanceRecord record = claim(registration, staleNs);
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
     * Under the entry's write lock: if no other live process holds it, writes this registration's identity and a
     * fresh heartbeat, so a racing registration sees a live holder.
     *
     * @return the bound record, or null if another live process holds the entry.
     */
    private InstanceRecord claim(final Registration registration, final long staleNs)
    {
        final String instanceId = registration.instanceId();
        try (ExternalMapQueryContext<CharSequence, InstanceRecord, ?> context = map.queryContext(instanceId))
        {
            if (!context.writeLock().tryLock(ATTACH_LOCK_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                throw new RegistryWedgedException(file.toString(), instanceId, ATTACH_LOCK_TIMEOUT_MS);
            }
            final MapEntry<CharSequence, InstanceRecord> entry = context.entry();
            if (entry == null)
            {
                throw new IllegalStateException("registry entry '" + instanceId + "' vanished while registering");
            }
            final InstanceRecord record = stableAt(addressOf(entry));
            if (InstanceLiveness.isHeldByAnotherLiveProcess(record, registration.pid(), staleNs))
            {
                return null;
            }
            record.setOrderedStatus(InstanceStatus.STARTING.code());
            record.setService(registration.service());
            record.setInstanceId(instanceId);
            record.setVersion(registration.version());
            record.setInboxPath(registration.inboxPath());
            record.setMetadata(registration.metadata());
            record.setPid(registration.pid());
            record.setStartTimeMs(System.currentTimeMillis());
            record.addAtomicRegistrations(1);
            record.setBootId(BootId.current());
            record.setOrderedHeartbeatNs(System.nanoTime());
            return record;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering '" + instanceId + "' in " + file, ex);
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

    private static long addressOf(final MapEntry<CharSequence, InstanceRecord> entry)
    {
        final Data<InstanceRecord> value = entry.value();
        return value.bytes().addressForRead(value.offset());
    }

    private static InstanceRecord stableAt(final long address)
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
     * Removes an instance's entry. Any slot bound to it must no longer be used.
     */
    public boolean remove(final String instanceId)
    {
        final boolean removed = map.remove(instanceId) != null;
        generation.bump();
        return removed;
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
