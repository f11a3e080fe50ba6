package io.procmesh.launcher.gateway;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.registry.RegistryReader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The gateway's cached copy of the registry, refreshed on one timer thread every refresh interval by reading
 * each instance through its slot, bound once (no lock). {@link Registry#snapshot()} takes segment read locks, so
 * it runs only when the registry's generation moved. Requests only read the last immutable {@link Snapshot} and
 * the per-service {@link ServiceAvailability} flags.
 */
final class RegistryView implements AutoCloseable
{
    private static final Comparator<InstanceSnapshot> ORDER =
        Comparator.comparing(InstanceSnapshot::service).thenComparing(InstanceSnapshot::instanceId);

    /**
     * One refresh's result.
     *
     * @param capturedAtMs wall-clock time of the refresh.
     * @param instances    every registry entry, ordered by service then instance id.
     * @param services     every service seen or required, in name order.
     */
    record Snapshot(long capturedAtMs, List<InstanceView> instances, Map<String, ServiceView> services)
    {
    }

    private final RegistryReader entries;
    private final long instanceStaleMs;
    private final List<String> requiredServices;
    private final ErrorHandler errorHandler;
    private final ConcurrentHashMap<String, ServiceAvailability> availability = new ConcurrentHashMap<>();
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private volatile Snapshot current = new Snapshot(0, List.of(), Map.of());
    private final Map<String, InstanceSlot> slots = new LinkedHashMap<>();
    private long scannedGeneration = Long.MIN_VALUE;
    private long boundRemovals = Long.MIN_VALUE;
    /**
     * Services seen with an inbox, kept once seen: a restarting instance registers again with no inbox until it
     * advertises one, and must still count for /health meanwhile. Only the refresh thread touches it.
     */
    private final Set<String> servingServices = new HashSet<>();

    RegistryView(
        final Registry registry,
        final long instanceStaleMs,
        final List<String> requiredServices,
        final ErrorHandler errorHandler)
    {
        this(RegistryReader.of(registry), instanceStaleMs, requiredServices, errorHandler);
    }

    RegistryView(
        final RegistryReader entries,
        final long instanceStaleMs,
        final List<String> requiredServices,
        final ErrorHandler errorHandler)
    {
        this.entries = entries;
        this.instanceStaleMs = instanceStaleMs;
        this.requiredServices = requiredServices;
        this.errorHandler = errorHandler;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "gateway-registry-view");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Refreshes once now, so the first request already sees the registry, then every interval.
     */
    RegistryView start(final long refreshIntervalMs)
    {
        refresh();
        timer.scheduleAtFixedRate(this::refresh, refreshIntervalMs, refreshIntervalMs, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Called on the refresh thread after each refresh, e.g. to bind metrics for new instances.
     */
    void onRefresh(final Consumer<Snapshot> listener)
    {
        listeners.add(listener);
    }

    Snapshot current()
    {
        return current;
    }

    /**
     * @return the availability of a service a route is bound to, created if the service was never seen yet.
     */
    ServiceAvailability availability(final String service)
    {
        return availability.computeIfAbsent(service, ServiceAvailability::new);
    }

    /**
     * @return the availability of a service seen in the registry, or null: unlike {@link #availability}, never
     * grows the map, so request-supplied names are safe here.
     */
    ServiceAvailability knownAvailability(final String service)
    {
        return availability.get(service);
    }

    void refresh()
    {
        try
        {
            final Snapshot snapshot = capture();
            current = snapshot;
            publishAvailability(snapshot);
            for (final Consumer<Snapshot> listener : listeners)
            {
                listener.accept(snapshot);
            }
        }
        catch (final Throwable error)
        {
            errorHandler.onError(error);
        }
    }

    /**
     * Reads every instance through its slot, bound once: no map lock. The map itself is scanned (segment locks)
     * only when the registry's generation moved, because a process killed inside a scan wedges the map. The
     * generation is recorded only once a scan went through: a scan that failed part way (an attach that threw)
     * is run again at the next refresh, rather than leaving the instances after the failure unseen until some
     * unrelated registration moves the generation. After a removal every slot is dropped and bound again first: a
     * removed entry's memory may hold another instance by now, even under the same id.
     */
    private List<InstanceSnapshot> readEntries()
    {
        final long removals = entries.removals();
        final long generation = entries.generation();
        if (removals != boundRemovals)
        {
            slots.clear();
            boundRemovals = removals;
            scannedGeneration = Long.MIN_VALUE;
        }
        if (generation != scannedGeneration)
        {
            final Set<String> present = new HashSet<>();
            for (final InstanceSnapshot entry : entries.snapshot())
            {
                present.add(entry.instanceId());
                if (!slots.containsKey(entry.instanceId()))
                {
                    final InstanceSlot slot = entries.attach(entry.instanceId());
                    if (slot != null)
                    {
                        slots.put(entry.instanceId(), slot);
                    }
                }
            }
            slots.keySet().retainAll(present);
            scannedGeneration = generation;
        }
        final List<InstanceSnapshot> snapshots = new ArrayList<>(slots.size());
        for (final InstanceSlot slot : slots.values())
        {
            snapshots.add(slot.snapshot());
        }
        return snapshots;
    }

    private Snapshot capture()
    {
        final long nowNs = System.nanoTime();
        final long nowMs = System.currentTimeMillis();
        final List<InstanceSnapshot> entries = readEntries();
        entries.sort(ORDER);

        final List<InstanceView> instances = new ArrayList<>(entries.size());
        final Map<String, List<InstanceView>> byService = new LinkedHashMap<>();
        for (final InstanceSnapshot entry : entries)
        {
            final InstanceView view = InstanceView.of(entry, nowNs, nowMs, instanceStaleMs);
            instances.add(view);
            byService.computeIfAbsent(entry.service(), s -> new ArrayList<>()).add(view);
            if (!entry.inboxPath().isEmpty())
            {
                servingServices.add(entry.service());
            }
        }
        for (final String required : requiredServices)
        {
            byService.putIfAbsent(required, List.of());
        }

        final Map<String, ServiceView> services = new LinkedHashMap<>();
        byService.keySet().stream().sorted().forEach(service ->
            services.put(service, serviceView(service, byService.get(service))));
        return new Snapshot(nowMs, List.copyOf(instances), Collections.unmodifiableMap(services));
    }

    private ServiceView serviceView(final String service, final List<InstanceView> instances)
    {
        int live = 0;
        boolean starting = false;
        boolean draining = false;
        boolean unresponsive = false;
        for (final InstanceView instance : instances)
        {
            live += instance.live() ? 1 : 0;
            starting |= instance.state() == InstanceState.STARTING;
            draining |= instance.state() == InstanceState.DRAINING;
            unresponsive |= instance.state() == InstanceState.UNRESPONSIVE;
        }
        final String state = (live > 0 ? InstanceState.UP :
            starting ? InstanceState.STARTING :
            draining ? InstanceState.DRAINING :
            unresponsive ? InstanceState.UNRESPONSIVE : InstanceState.DOWN).name();
        return new ServiceView(service, state, live, instances.size(), requiredServices.contains(service),
            servingServices.contains(service));
    }

    private void publishAvailability(final Snapshot snapshot)
    {
        for (final ServiceView service : snapshot.services().values())
        {
            if (service.instances() > 0)
            {
                availability(service.service());
            }
        }
        for (final ServiceAvailability entry : availability.values())
        {
            final ServiceView service = snapshot.services().get(entry.service());
            entry.update(service != null && service.isUp());
        }
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
        try
        {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS))
            {
                errorHandler.onError(new IllegalStateException("registry view refresh did not stop within 5 s"));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
