package io.procmesh.core.registry;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Removes the entries of instances gone for good, so a fleet that churns (clients that exit, instances scaled
 * down or replaced) never fills the registry. The rule is {@link InstanceLiveness#isGoneForGood}: the process is
 * dead (or the entry is from another boot) and its last heartbeat is older than the grace period.
 * <p>
 * The hazard is memory reuse: every process caches slots bound to entries' addresses, and a removed entry's
 * memory goes to the next registration. So each removal is made under the entry's write lock, re-checked there
 * against the incarnation the scan saw, and counted in the removal count before the memory is freed; holders of
 * slots read that count before using them and rebind when it moved (docs/architecture.md, the registry).
 */
final class RegistryReclaim
{
    private final ChronicleMap<CharSequence, InstanceRecord> map;
    private final RegistryGeneration generation;
    private final String file;

    RegistryReclaim(
        final ChronicleMap<CharSequence, InstanceRecord> map, final RegistryGeneration generation, final String file)
    {
        this.map = map;
        this.generation = generation;
        this.file = file;
    }

    /**
     * One scan (segment read locks), then one write-locked check and removal per candidate. The predicate runs on
     * the scan's copy, never under a lock, so it may be any quick test (the launcher's: "do I supervise it?").
     *
     * @return the removed entries, as they were when removed.
     */
    List<InstanceSnapshot> reclaim(final long graceMs, final Predicate<InstanceSnapshot> keep)
    {
        final long graceNs = TimeUnit.MILLISECONDS.toNanos(graceMs);
        final List<InstanceSnapshot> entries = new ArrayList<>();
        map.forEach((key, value) -> entries.add(InstanceSnapshot.of(value)));
        final List<InstanceSnapshot> removed = new ArrayList<>();
        for (final InstanceSnapshot candidate : entries)
        {
            // Judged on the copy, outside the scan's locks (a pid check reads /proc), then again under the lock.
            if (InstanceLiveness.isGoneForGood(candidate.pid(), candidate.heartbeatNs(), System.nanoTime(), graceNs) &&
                !keep.test(candidate))
            {
                final InstanceSnapshot gone = removeIfStillGone(candidate, graceNs);
                if (gone != null)
                {
                    removed.add(gone);
                }
            }
        }
        return removed;
    }

    /**
     * Removes the entry whatever its state, as {@link #reclaim} does: counted under its write lock.
     */
    boolean remove(final String instanceId)
    {
        return removeUnderLock(instanceId, record -> true) != null;
    }

    /**
     * Removes the entry only if it is still the incarnation the scan saw (a registration since then, even by a
     * dead-by-now process, is another decision) and still gone for good.
     */
    private InstanceSnapshot removeIfStillGone(final InstanceSnapshot seen, final long graceNs)
    {
        return removeUnderLock(seen.instanceId(), record -> record.getPid() == seen.pid() &&
            record.getRegistrations() == seen.registrations() && record.getStartTimeMs() == seen.startTimeMs() &&
            InstanceLiveness.isGoneForGood(record, System.nanoTime(), graceNs));
    }

    /**
     * @return the entry as it was when removed, or null if absent or {@code removable} refused it.
     */
    private InstanceSnapshot removeUnderLock(final String instanceId, final Predicate<InstanceRecord> removable)
    {
        try (ExternalMapQueryContext<CharSequence, InstanceRecord, ?> context = map.queryContext(instanceId))
        {
            if (!context.writeLock().tryLock(Registry.ATTACH_LOCK_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                throw new RegistryWedgedException(file, instanceId, Registry.ATTACH_LOCK_TIMEOUT_MS);
            }
            final MapEntry<CharSequence, InstanceRecord> entry = context.entry();
            if (entry == null)
            {
                return null;
            }
            final InstanceRecord record = Registry.stableAt(Registry.addressOf(entry));
            if (!removable.test(record))
            {
                return null;
            }
            final InstanceSnapshot last = InstanceSnapshot.of(record);
            // Counted before the memory is freed, and while the segment's write lock keeps any registration from
            // taking it: a holder that reads the new count rebinds before its next use of a slot.
            generation.bumpRemovals();
            entry.doRemove();
            return last;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reclaiming '" + instanceId + "' in " + file, ex);
        }
    }
}
