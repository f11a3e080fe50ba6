package io.procmesh.core.rpc;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.RegistryReader;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cached view of the registry that callers pick instances from.
 * <p>
 * New instances are found by a periodic scan (it takes segment read locks, so not per call). Whether a known
 * instance is UP, and heartbeating, is read on each pick straight from its slot: volatile reads, no lock. Which
 * live instance a call goes to is the service's {@link LoadBalancer}'s choice ({@link BalancingPolicies}).
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
    private volatile RemoteInstance[] all = NONE;
    private final ConcurrentHashMap<String, Endpoints> byService = new ConcurrentHashMap<>();
    private volatile long lastRefreshNs;
    private long scannedGeneration = Long.MIN_VALUE;

    ServiceDirectory(
        final RegistryReader registry,
        final EnvelopeCodec codec,
        final long staleMs,
        final ErrorHandler errorHandler)
    {
        this(registry, codec, staleMs, errorHandler, new BalancingPolicies(java.util.Map.of(), java.util.Map.of()));
    }

    ServiceDirectory(
        final RegistryReader registry,
        final EnvelopeCodec codec,
        final long staleMs,
        final ErrorHandler errorHandler,
        final BalancingPolicies policies)
    {
        this.policies = policies;
        this.registry = registry;
        this.codec = codec;
        this.errorHandler = errorHandler;
        this.staleNs = Timeouts.toNanos(staleMs);
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
        final long startNs = System.nanoTime();
        RemoteInstance chosen = pick(service, keyHash, startNs);
        if (chosen == null && refreshForMiss(service, startNs))
        {
            chosen = pick(service, keyHash, System.nanoTime());
        }
        return chosen;
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
     * @return every instance attached so far, of every service: for the dead-instance sweep, without allocation.
     */
    RemoteInstance[] instances()
    {
        return all;
    }

    /**
     * Refreshes on a miss unless a scan began after this call did (it saw everything this one would), or this
     * service missed on a scan less than {@value #MIN_ON_DEMAND_REFRESH_NS} ns ago: callers hammering a service
     * that is down must not turn every call into a registry scan.
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
        if (known != null && callStartNs - known.lastMissNs < MIN_ON_DEMAND_REFRESH_NS)
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
        return new Endpoints(policies.policy(service).newBalancer());
    }

    /**
     * Scans the registry for new instances, only if an instance registered, advertised or was removed since the
     * last scan: a scan takes segment locks, and a process killed inside one wedges the map for every writer.
     * <p>
     * The generation counts as scanned only once every instance in it was attached: an instance whose attach
     * failed is retried by the next refresh, not hidden until some unrelated registration. A failed attach is
     * reported to the error handler and the scan goes on with the other instances.
     */
    synchronized void refresh()
    {
        lastRefreshNs = System.nanoTime();
        final long generation = registry.generation();
        if (generation == scannedGeneration)
        {
            return;
        }
        boolean complete = true;
        for (final InstanceSnapshot snapshot : registry.snapshot())
        {
            if (snapshot.inboxPath().isEmpty())
            {
                continue;
            }
            final Endpoints endpoints = byService.computeIfAbsent(snapshot.service(), this::newEndpoints);
            if (!endpoints.contains(snapshot.instanceId()))
            {
                complete &= attach(endpoints, snapshot);
            }
        }
        if (complete)
        {
            scannedGeneration = generation;
        }
    }

    private boolean attach(final Endpoints endpoints, final InstanceSnapshot snapshot)
    {
        try
        {
            final InstanceSlot slot = registry.attach(snapshot.instanceId());
            if (slot != null)
            {
                final RemoteInstance instance = new RemoteInstance(
                    snapshot.service(), snapshot.instanceId(), Path.of(snapshot.inboxPath()), slot, codec);
                endpoints.add(instance);
                final RemoteInstance[] grown = Arrays.copyOf(all, all.length + 1);
                grown[grown.length - 1] = instance;
                all = grown;
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

        boolean contains(final String instanceId)
        {
            for (final RemoteInstance instance : instances)
            {
                if (instance.instanceId().equals(instanceId))
                {
                    return true;
                }
            }
            return false;
        }

        void add(final RemoteInstance instance)
        {
            final RemoteInstance[] grown = Arrays.copyOf(instances, instances.length + 1);
            grown[grown.length - 1] = instance;
            instances = grown;
        }
    }
}
