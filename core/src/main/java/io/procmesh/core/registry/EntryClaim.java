package io.procmesh.core.registry;

import io.procmesh.core.config.BootId;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapAbsentEntry;
import net.openhft.chronicle.map.MapEntry;

import java.util.concurrent.TimeUnit;

/**
 * The locked step of {@link Registry#register}: one instance id's entry, created if absent and claimed for the
 * registering process, all under the entry's write lock.
 */
final class EntryClaim
{
    private final ChronicleMap<CharSequence, InstanceRecord> map;
    private final String file;
    private final int maxInstances;

    EntryClaim(final ChronicleMap<CharSequence, InstanceRecord> map, final String file, final int maxInstances)
    {
        this.map = map;
        this.file = file;
        this.maxInstances = maxInstances;
    }

    /**
     * Under the entry's write lock: creates the entry if absent, and if no other live process holds it, writes
     * this registration's identity and a fresh heartbeat, so a racing registration sees a live holder. Creating it
     * under the same lock means no one ever sees an entry without a pid and heartbeat, which reclamation would
     * take for a dead one.
     *
     * @return the bound record, or null if another live process holds the entry.
     */
    InstanceRecord claim(final Registration registration, final long staleNs)
    {
        final String instanceId = registration.instanceId();
        try (ExternalMapQueryContext<CharSequence, InstanceRecord, ?> context = map.queryContext(instanceId))
        {
            if (!context.writeLock().tryLock(Registry.ATTACH_LOCK_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                throw new RegistryWedgedException(file, instanceId, Registry.ATTACH_LOCK_TIMEOUT_MS);
            }
            final InstanceRecord record = Registry.stableAt(Registry.addressOf(entryOrInsert(context, instanceId)));
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

    private MapEntry<CharSequence, InstanceRecord> entryOrInsert(
        final ExternalMapQueryContext<CharSequence, InstanceRecord, ?> context, final String instanceId)
    {
        if (context.entry() == null)
        {
            final MapAbsentEntry<CharSequence, InstanceRecord> absent = context.absentEntry();
            try
            {
                absent.doInsert(absent.defaultValue());
            }
            catch (final IllegalStateException ex)
            {
                throw new RegistryFullException(instanceId, maxInstances, ex);
            }
        }
        final MapEntry<CharSequence, InstanceRecord> entry = context.entry();
        if (entry == null)
        {
            throw new IllegalStateException("registry entry '" + instanceId + "' vanished while registering");
        }
        return entry;
    }
}
