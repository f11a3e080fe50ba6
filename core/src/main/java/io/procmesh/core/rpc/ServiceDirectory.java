package io.procmesh.core.rpc;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.RegistryReader;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cached view of the registry that callers pick instances from.
 * <p>
 * New instances are found by a periodic scan (it takes segment read locks, so not per call). Whether a known
 * instance is UP, and heartbeating, is read on each pick straight from its slot: volatile reads, no lock. Which
 * live instance a call goes to is the service's {@link LoadBalancer}'s choice ({@link BalancingPolicies}), among those
 * the client's {@link InstanceSelectors} admit (a version range, a metadata filter), judged at each scan.
 * <p>
 * A slot points into its entry's memory, which a removal frees for the next registration (see
 * {@link io.procmesh.core.registry.Registry#reclaim}). So each pick first reads the registry's removal count (one
 * volatile read) and, when it moved, refreshes before using any slot: instances no longer registered are dropped,
 * the others bound again. A registration alone moves only the generation, which the periodic refresh follows.
 */
final class ServiceDirectory implements AutoCloseable
{
    private static final RemoteInstance[] NONE = new RemoteInstance[0];
    private static final long MIN_ON_DEMAND_REFRESH_NS = 10_000_000L;

    private final RegistryReader registry;
    private final EnvelopeCodec codec;
    private final ErrorHandler errorHandler;
    private final long staleNs;
    private final BalancingPolicies policies;
    private final InstanceSelectors selectors;
    private volatile RemoteInstance[] all = NONE;
    private final ConcurrentHashMap<String, Endpoints> byService = new ConcurrentHashMap<>();
    private volatile long lastRefreshNs;
    private long scannedGeneration = Long.MIN_VALUE;
    /**
     * The removal count every cached slot was bound under; a pick reads it against the registry's.
     */
    private volatile long boundRemovals;

    ServiceDirectory(
        final RegistryReader registry,
        final EnvelopeCodec codec,
        final long staleMs,
        final ErrorHandler errorHandler)
    {
        this(registry, codec, staleMs, errorHandler, new BalancingPolicies(Map.of(), Map.of()),
            new InstanceSelectors(Map.of(), Map.of()));
    }

    /**
     * @param selectors which instances of each service this client may reach: the others are never attached.
     */
    ServiceDirectory(
        final RegistryReader registry,
        final EnvelopeCodec codec,
        final long staleMs,
        final ErrorHandler errorHandler,
        final BalancingPolicies policies,
        final InstanceSelectors selectors)
    {
        this.policies = policies;
        this.selectors = selectors;
        this.registry = registry;
        this.codec = codec;
        this.errorHandler = errorHandler;
        this.staleNs = Timeouts.toNanos(staleMs);
        this.boundRemovals = registry.removals();
    }

    /**
     * @return the live instance the service's policy picks for a call without an affinity key, or null if none is.
     */
    RemoteInstance select(final String service)
    {
        return select(service, LoadBalancer.NO_KEY);
    }

    /**
     * @param keyHash the call's affinity key hash, or {@link LoadBalancer#NO_KEY}.
     * @return the live instance the service's policy chooses, or null if there is none.
     */
    RemoteInstance select(final String service, final long keyHash)
    {
        if (registry.removals() != boundRemovals)
        {
            refresh();
        }
        final long startNs = System.nanoTime();
        RemoteInstance chosen = pick(service, keyHash, startNs);
        if (chosen == null && refreshForMiss(service, startNs))
        {
            chosen = pick(service, keyHash, System.nanoTime());
        }
        return chosen != null ? chosen : takingOver(service, keyHash);
    }

    /**
     * @return the partition a call with this route goes to: 0 if the service is not partitioned or the call has no
     * key.
     */
    int partitionOf(final String service, final long keyHash)
    {
        return keyHash == LoadBalancer.NO_KEY || policies.partitions(service) == 0 ? 0 :
            PartitionBalancer.partitionOf(keyHash);
    }

    /**
     * @return with no live instance, one whose hot standby is alive and about to take its id over, or has and is
     * starting: its inbox persists and the standby answers it within moments, so a call waits rather than fails.
     * For a partitioned service only one serving the call's partition: another partition's does not hold the key
     * (found by the chaos run: a user looked up while its partition's standby took over was sent to the other
     * partition's instance, which answered that the user does not exist). Null if none. Two reads and at most two
     * system calls per instance, on this miss path only.
     */
    private RemoteInstance takingOver(final String service, final long keyHash)
    {
        final Endpoints endpoints = byService.get(service);
        if (endpoints != null)
        {
            final int partition = partitionOf(service, keyHash);
            for (final RemoteInstance instance : endpoints.instances)
            {
                final InstanceSlot slot = instance.slot();
                if ((partition == 0 || instance.partition() == partition) &&
                    (slot.hasLiveStandby() || slot.isStandbyTakingOver()))
                {
                    return instance;
                }
            }
        }
        return null;
    }

    /**
     * @return why a call found no instance, in one line: for a partitioned service it names the partition (or says
     * the call had no key). Only on a failure, so it may allocate.
     */
    String noInstance(final String service, final String operation, final long route)
    {
        final int partitions = policies.partitions(service);
        if (partitions == 0)
        {
            return "no UP instance of service '" + service + "'" + selection(service) + " for operation '" + operation +
                "'";
        }
        return route == LoadBalancer.NO_KEY ? CallRouting.keyless(service, operation) :
            "no UP instance of service '" + service + "'" + selection(service) + " serves partition " +
            PartitionBalancer.partitionOf(route) +
            " of " + partitions + " for operation '" + operation + "'; its keys wait for that partition's instance";
    }

    /**
     * @return whether another instance of the same service is live now: whether a dead one's calls can go elsewhere.
     */
    boolean hasLiveBesides(final RemoteInstance instance, final long nowNs)
    {
        final Endpoints endpoints = byService.get(instance.service());
        if (endpoints != null)
        {
            for (final RemoteInstance other : endpoints.instances)
            {
                if (other != instance && other.isUp(nowNs, staleNs))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @return what this client asks of the service's instances (version range, metadata), for an UNAVAILABLE error.
     */
    String selection(final String service)
    {
        return selectors.describe(service);
    }

    /**
     * @return every instance attached so far, of every service: for the dead-instance sweep, without allocation.
     */
    RemoteInstance[] instances()
    {
        return all;
    }

    /**
     * Refreshes on a miss unless a scan began after this call did (it saw everything this one would), or this
     * service missed on a scan less than {@value #MIN_ON_DEMAND_REFRESH_NS} ns ago: callers hammering a service
     * that is down must not turn every call into a registry scan. A partitioned service one of whose ids another
     * process registered since the last scan is scanned at once, since its partition is unknown until then (a
     * standby's take-over must not fail calls for a moment); a scan resolves it, so this costs one scan each.
     *
     * @return true if a scan may have found something new.
     */
    private synchronized boolean refreshForMiss(final String service, final long callStartNs)
    {
        if (lastRefreshNs - callStartNs > 0)
        {
            return true;
        }
        final Endpoints known = byService.get(service);
        if (known != null && callStartNs - known.lastMissNs < MIN_ON_DEMAND_REFRESH_NS &&
            !(policies.partitions(service) > 0 && known.hasUnreadRegistration()))
        {
            return false;
        }
        refresh();
        final Endpoints after = byService.computeIfAbsent(service, this::newEndpoints);
        after.lastMissNs = lastRefreshNs;
        return true;
    }

    private RemoteInstance pick(final String service, final long keyHash, final long nowNs)
    {
        final Endpoints endpoints = byService.get(service);
        return endpoints == null ? null : endpoints.next(keyHash, nowNs, staleNs);
    }

    private Endpoints newEndpoints(final String service)
    {
        return new Endpoints(policies.newBalancer(service));
    }

    /**
     * Scans the registry for new instances, only if an instance registered, advertised or was removed since the
     * last scan: a scan takes segment locks, and a process killed inside one wedges the map for every writer.
     * <p>
     * The generation counts as scanned only once every instance in it was attached: an instance whose attach
     * failed is retried by the next refresh, not hidden until some unrelated registration. A failed attach is
     * reported to the error handler and the scan goes on with the other instances.
     * <p>
     * After a removal (the removal count moved) every cached instance is checked: one no longer registered is
     * dropped, one registered with another inbox is replaced, and every other one is bound to its entry again,
     * since its id may have been removed and registered anew at another address. Both counts are read before the
     * scan, so a removal during the scan is seen by the next pick.
     */
    synchronized void refresh()
    {
        lastRefreshNs = System.nanoTime();
        final long removals = registry.removals();
        final long generation = registry.generation();
        final boolean rebind = removals != boundRemovals;
        if (generation == scannedGeneration && !rebind)
        {
            return;
        }
        boolean complete = true;
        final Set<String> present = new HashSet<>();
        for (final InstanceSnapshot snapshot : registry.snapshot())
        {
            present.add(snapshot.instanceId());
            final Endpoints endpoints = byService.get(snapshot.service());
            final RemoteInstance known = endpoints == null ? null : endpoints.find(snapshot.instanceId());
            // Judged at each scan: an instance id a rollout reused may now run a version out of range.
            final boolean admitted = selectors.admits(snapshot);
            if (known != null && !admitted)
            {
                endpoints.remove(known);
            }
            else if (known != null && (rebind || moved(known, snapshot)))
            {
                complete &= rebind(endpoints, known, snapshot);
            }
            else if (known != null && known.partitionPid() != snapshot.pid())
            {
                // Registered anew by another process for the same partition (a standby took over): picks resume.
                known.serving(known.partition(), snapshot.pid());
            }
            else if (known == null && admitted && !snapshot.inboxPath().isEmpty())
            {
                complete &= attach(byService.computeIfAbsent(snapshot.service(), this::newEndpoints), snapshot);
            }
        }
        for (final Endpoints endpoints : byService.values())
        {
            endpoints.retain(present);
        }
        all = everyInstance();
        // Stale slots are gone even if an attach failed (that instance was dropped): picks may go on.
        boundRemovals = removals;
        if (complete)
        {
            scannedGeneration = generation;
        }
    }

    /**
     * @return whether the entry now names another inbox or another partition than the instance attached: an id a
     * rollout reused while the old incarnation's entry was still there (its grace period) is registered anew over
     * it, with no removal, and may serve another partition (a rollout's new instance takes the lowest free number
     * and the partition of the instance it replaces).
     */
    private static boolean moved(final RemoteInstance known, final InstanceSnapshot snapshot)
    {
        return (!snapshot.inboxPath().isEmpty() && !known.inbox().equals(Path.of(snapshot.inboxPath()))) ||
            known.partition() != PartitionMetadata.of(snapshot);
    }

    /**
     * Binds a known instance to its entry again, or replaces it when its inbox or partition moved; drops it when
     * that fails.
     */
    private boolean rebind(final Endpoints endpoints, final RemoteInstance known, final InstanceSnapshot snapshot)
    {
        try
        {
            final InstanceSlot slot = registry.attach(snapshot.instanceId());
            if (slot == null)
            {
                endpoints.remove(known);
            }
            else if (moved(known, snapshot))
            {
                endpoints.remove(known);
                endpoints.add(new RemoteInstance(snapshot.service(), snapshot.instanceId(),
                    Path.of(snapshot.inboxPath()), slot, codec)
                    .serving(PartitionMetadata.of(snapshot), snapshot.pid()));
            }
            else
            {
                known.rebind(slot);
                known.serving(known.partition(), snapshot.pid());
            }
            return true;
        }
        catch (final RuntimeException ex)
        {
            endpoints.remove(known);
            errorHandler.onError(new IllegalStateException("directory: cannot attach again to instance '" +
                snapshot.instanceId() + "' of service '" + snapshot.service() + "'; dropped until the next scan", ex));
            return false;
        }
    }

    private boolean attach(final Endpoints endpoints, final InstanceSnapshot snapshot)
    {
        try
        {
            final InstanceSlot slot = registry.attach(snapshot.instanceId());
            if (slot != null)
            {
                endpoints.add(new RemoteInstance(snapshot.service(), snapshot.instanceId(),
                    Path.of(snapshot.inboxPath()), slot, codec)
                    .serving(PartitionMetadata.of(snapshot), snapshot.pid()));
            }
            return true;
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(new IllegalStateException("directory: cannot attach to instance '" +
                snapshot.instanceId() + "' of service '" + snapshot.service() + "'; will retry on the next scan", ex));
            return false;
        }
    }

    /**
     * @return the instances of every service, built again by each refresh that changed something: the sweep reads
     * it without allocating, and a refresh is rare.
     */
    private RemoteInstance[] everyInstance()
    {
        RemoteInstance[] every = NONE;
        for (final Endpoints endpoints : byService.values())
        {
            final RemoteInstance[] instances = endpoints.instances;
            final int from = every.length;
            every = Arrays.copyOf(every, from + instances.length);
            System.arraycopy(instances, 0, every, from, instances.length);
        }
        return every;
    }

    @Override
    public void close()
    {
        for (final Endpoints endpoints : byService.values())
        {
            for (final RemoteInstance instance : endpoints.instances)
            {
                instance.close();
            }
        }
        byService.clear();
        all = NONE;
    }

    private static final class Endpoints
    {
        private volatile RemoteInstance[] instances = NONE;
        private long lastMissNs = Long.MIN_VALUE / 2;
        private final LoadBalancer balancer;

        Endpoints(final LoadBalancer balancer)
        {
            this.balancer = balancer;
        }

        RemoteInstance next(final long keyHash, final long nowNs, final long staleNs)
        {
            return balancer.pick(instances, keyHash, nowNs, staleNs);
        }

        /**
         * @return whether the process registered under one of these ids is not the one whose partition is known.
         */
        boolean hasUnreadRegistration()
        {
            for (final RemoteInstance instance : instances)
            {
                if (!instance.servesKnownPartition())
                {
                    return true;
                }
            }
            return false;
        }

        RemoteInstance find(final String instanceId)
        {
            for (final RemoteInstance instance : instances)
            {
                if (instance.instanceId().equals(instanceId))
                {
                    return instance;
                }
            }
            return null;
        }

        void add(final RemoteInstance instance)
        {
            final RemoteInstance[] grown = Arrays.copyOf(instances, instances.length + 1);
            grown[grown.length - 1] = instance;
            instances = grown;
        }

        /**
         * Drops the instance and closes its inbox: a caller that picked it just before sees its send fail.
         */
        void remove(final RemoteInstance instance)
        {
            final RemoteInstance[] current = instances;
            final RemoteInstance[] shrunk = new RemoteInstance[current.length - 1];
            int i = 0;
            for (final RemoteInstance candidate : current)
            {
                if (candidate != instance)
                {
                    if (i == shrunk.length)
                    {
                        return;
                    }
                    shrunk[i++] = candidate;
                }
            }
            instances = shrunk;
            instance.close();
        }

        void retain(final Set<String> present)
        {
            for (final RemoteInstance instance : instances)
            {
                if (!present.contains(instance.instanceId()))
                {
                    remove(instance);
                }
            }
        }
    }
}
