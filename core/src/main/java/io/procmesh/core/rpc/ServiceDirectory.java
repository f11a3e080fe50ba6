package io.procmesh.core.rpc;

import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.Registry;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cached view of the registry that callers pick instances from.
 * <p>
 * New instances are found by a periodic scan (it takes segment read locks, so not per call). Whether a known
 * instance is UP is read on each pick straight from its slot, a volatile read with no lock.
 */
final class ServiceDirectory implements AutoCloseable
{
    private static final RemoteInstance[] NONE = new RemoteInstance[0];
    private static final long MIN_ON_DEMAND_REFRESH_NS = 10_000_000L;

    private final Registry registry;
    private final EnvelopeCodec codec;
    private final ConcurrentHashMap<String, Endpoints> byService = new ConcurrentHashMap<>();
    private volatile long lastRefreshNs;

    ServiceDirectory(final Registry registry, final EnvelopeCodec codec)
    {
        this.registry = registry;
        this.codec = codec;
    }

    /**
     * @return an UP instance of the service, round robin, or null if there is none.
     */
    RemoteInstance select(final String service)
    {
        RemoteInstance chosen = pick(service);
        if (chosen == null && System.nanoTime() - lastRefreshNs > MIN_ON_DEMAND_REFRESH_NS)
        {
            refresh();
            chosen = pick(service);
        }
        return chosen;
    }

    private RemoteInstance pick(final String service)
    {
        final Endpoints endpoints = byService.get(service);
        return endpoints == null ? null : endpoints.next();
    }

    synchronized void refresh()
    {
        lastRefreshNs = System.nanoTime();
        for (final InstanceSnapshot snapshot : registry.snapshot())
        {
            if (snapshot.inboxPath().isEmpty())
            {
                continue;
            }
            final Endpoints endpoints = byService.computeIfAbsent(snapshot.service(), s -> new Endpoints());
            if (!endpoints.contains(snapshot.instanceId()))
            {
                final InstanceSlot slot = registry.attach(snapshot.instanceId());
                if (slot != null)
                {
                    endpoints.add(new RemoteInstance(snapshot.instanceId(), Path.of(snapshot.inboxPath()), slot, codec));
                }
            }
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
    }

    private static final class Endpoints
    {
        private volatile RemoteInstance[] instances = NONE;
        private final AtomicInteger cursor = new AtomicInteger();

        RemoteInstance next()
        {
            final RemoteInstance[] current = instances;
            final int length = current.length;
            final int start = cursor.getAndIncrement();
            for (int i = 0; i < length; i++)
            {
                final RemoteInstance candidate = current[Math.floorMod(start + i, length)];
                if (candidate.isUp())
                {
                    return candidate;
                }
            }
            return null;
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
