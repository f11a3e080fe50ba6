package io.procmesh.launcher.gateway;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Exposes every instance's off-heap slot (heartbeat age, counters, backlog, restarts) and each service's live
 * instance count as meters. Values come from the {@link RegistryView}'s last refresh, so a scrape never touches
 * the shared map; meters for an instance are registered the first time a refresh sees it not DOWN, and removed
 * once it is DOWN, silent with its process gone, or gone from the registry. Every process that connects leaves an
 * entry (clients, one per pid, are marked DOWN when they close; killed ones stay UP but silent), so keeping the
 * meters of those entries would grow the series without bound.
 */
final class RegistryMetricsBinder implements Consumer<RegistryView.Snapshot>
{
    private final MeterRegistry registry;
    private final Map<String, Source<InstanceView>> instances = new HashMap<>();
    private final Map<String, Source<ServiceView>> services = new HashMap<>();
    private final Map<String, Long> deadPids = new HashMap<>();

    RegistryMetricsBinder(final MeterRegistry registry)
    {
        this.registry = registry;
    }

    /**
     * Runs on the registry view's refresh thread only, so the maps need no lock.
     */
    @Override
    public void accept(final RegistryView.Snapshot snapshot)
    {
        final Map<String, InstanceView> bound = new HashMap<>();
        final Map<String, Long> stillDead = new HashMap<>();
        for (final InstanceView instance : snapshot.instances())
        {
            // The version is part of the key: an instance replaced by another version gets meters tagged anew.
            final String key = instance.service() + '/' + instance.instanceId() + '/' + instance.snapshot().version();
            if (!isGone(key, instance, stillDead))
            {
                bound.put(key, instance);
            }
        }
        deadPids.clear();
        deadPids.putAll(stillDead);
        for (final Iterator<Map.Entry<String, Source<InstanceView>>> it = instances.entrySet().iterator();
            it.hasNext();)
        {
            final Map.Entry<String, Source<InstanceView>> entry = it.next();
            if (!bound.containsKey(entry.getKey()))
            {
                for (final Meter meter : entry.getValue().meters)
                {
                    registry.remove(meter);
                }
                it.remove();
            }
        }
        for (final Map.Entry<String, InstanceView> entry : bound.entrySet())
        {
            final InstanceView instance = entry.getValue();
            Source<InstanceView> source = instances.get(entry.getKey());
            if (source == null)
            {
                source = new Source<>(instance);
                bindInstance(source, Tags.of("service", instance.service(), "instance", instance.instanceId(),
                    "version", instance.snapshot().version()));
                instances.put(entry.getKey(), source);
            }
            source.latest = instance;
        }
        for (final ServiceView service : snapshot.services().values())
        {
            Source<ServiceView> source = services.get(service.service());
            if (source == null)
            {
                source = new Source<>(service);
                Gauge.builder("procmesh.service.live.instances", source, s -> s.latest.liveInstances())
                    .description("Instances of the service that are UP with a fresh heartbeat")
                    .tags(Tags.of("service", service.service()))
                    .register(registry);
                services.put(service.service(), source);
            }
            source.latest = service;
        }
    }

    /**
     * @return true for an entry that is DOWN, or that has stopped beating and whose process is gone: a process
     * killed with -9 never marks its entry DOWN. Only entries that are not live are looked up, so the pid check
     * costs nothing while everything runs.
     */
    private boolean isGone(final String key, final InstanceView instance, final Map<String, Long> stillDead)
    {
        final InstanceSnapshot entry = instance.snapshot();
        if (entry.status() == InstanceStatus.DOWN)
        {
            return true;
        }
        if (instance.live() || entry.pid() <= 0)
        {
            return false;
        }
        // A dead pid stays dead: look it up once per entry, not at every refresh for every killed client.
        final Long knownDead = deadPids.get(key);
        if ((knownDead != null && knownDead == entry.pid()) ||
            !ProcessHandle.of(entry.pid()).map(ProcessHandle::isAlive).orElse(false))
        {
            stillDead.put(key, entry.pid());
            return true;
        }
        return false;
    }

    private void bindInstance(final Source<InstanceView> source, final Tags tags)
    {
        source.meters.add(Gauge.builder("procmesh.instance.heartbeat.age", source,
                s -> s.latest.heartbeatAgeMs() / 1000.0)
            .description("Age of the instance's last heartbeat at the last registry refresh")
            .baseUnit("seconds").tags(tags).register(registry));
        source.meters.add(Gauge.builder("procmesh.instance.phi", source, s -> s.latest.phi())
            .description("How late the instance's heartbeat is by the phi-accrual detector, at the last refresh")
            .tags(tags).register(registry));
        source.meters.add(Gauge.builder("procmesh.instance.live", source, s -> s.latest.live() ? 1 : 0)
            .description("1 if the instance is UP with a fresh heartbeat, else 0")
            .tags(tags).register(registry));
        source.meters.add(Gauge.builder("procmesh.instance.inbox.backlog", source,
                s -> s.latest.snapshot().inboxBacklog())
            .description("Requests waiting in the instance's inbox")
            .tags(tags).register(registry));
        counter("procmesh.instance.requests.in", "Requests the instance handled", source, tags,
            InstanceSnapshot::requestsIn);
        counter("procmesh.instance.requests.out", "Requests the instance sent", source, tags,
            InstanceSnapshot::requestsOut);
        counter("procmesh.instance.errors", "Errors the instance counted", source, tags, InstanceSnapshot::errors);
        counter("procmesh.instance.timeouts", "Calls from the instance that passed their deadline", source, tags,
            InstanceSnapshot::timeouts);
        counter("procmesh.instance.late.replies", "Replies that came after their call's deadline", source, tags,
            InstanceSnapshot::lateReplies);
        counter("procmesh.instance.decode.errors", "Messages the instance could not decode", source, tags,
            InstanceSnapshot::decodeErrors);
        counter("procmesh.instance.duplicates", "Redelivered messages the instance dropped", source, tags,
            InstanceSnapshot::duplicates);
        counter("procmesh.instance.registrations", "Times the instance id registered", source, tags,
            InstanceSnapshot::registrations);
        source.meters.add(FunctionCounter.builder("procmesh.instance.restarts", source, s -> s.latest.restarts())
            .description("Times the instance id registered again after its first start")
            .tags(tags).register(registry));
    }

    private void counter(
        final String name,
        final String description,
        final Source<InstanceView> source,
        final Tags tags,
        final ToDoubleFunction<InstanceSnapshot> value)
    {
        source.meters.add(FunctionCounter.builder(name, source, s -> value.applyAsDouble(s.latest.snapshot()))
            .description(description).tags(tags).register(registry));
    }

    /**
     * What a meter reads: the latest view, swapped in by each refresh.
     */
    private static final class Source<T>
    {
        final List<Meter> meters = new ArrayList<>();
        volatile T latest;

        Source(final T initial)
        {
            this.latest = initial;
        }
    }
}
