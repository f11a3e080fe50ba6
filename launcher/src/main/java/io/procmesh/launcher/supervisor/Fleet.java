package io.procmesh.launcher.supervisor;

import io.procmesh.launcher.alert.AlertSink;
import io.procmesh.launcher.incident.Incidents;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.topology.ServiceDefinition;
import io.procmesh.launcher.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The services under supervision and their instances: the topology's {@code instances} of each at first, changed by
 * `procmesh scale` ({@link Scaling}) and `procmesh rollout` ({@link Rollout}). A service's instances are
 * {@code <service>-1} to {@code <service>-<count>} at first: a scale-up, and each new instance of a rollout, takes
 * the lowest free numbers, a scale-down removes the highest, and actions on one service never overlap (so after a
 * rollout of {@code pricing-1} the service runs {@code pricing-2}).
 * Only the supervisor thread changes it; {@link #supervises} may be asked from any thread.
 */
final class Fleet
{
    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    /**
     * Makes an instance the supervisor can run: its health checks, spawner and settings.
     */
    interface InstanceFactory
    {
        /**
         * @param partition the partition the instance serves, 0 for none.
         */
        SupervisedInstance create(SupervisedService service, String instanceId, int partition);
    }

    private final Map<String, SupervisedService> services = new LinkedHashMap<>();
    private final List<SupervisedInstance> instances = new ArrayList<>();
    private final InstanceFactory factory;
    private volatile Set<String> supervised = Set.of();

    Fleet(final Topology topology, final AlertSink alerts, final Incidents incidents, final InstanceFactory factory)
    {
        this.factory = factory;
        for (final ServiceDefinition definition : topology.services())
        {
            final SupervisedService service = new SupervisedService(definition, alerts, incidents);
            for (final String dependency : definition.dependsOn())
            {
                service.addDependency(services.get(dependency));
            }
            services.put(definition.name(), service);
            resize(service, definition.instances());
        }
    }

    /**
     * @return every service by name, in start order.
     */
    Map<String, SupervisedService> services()
    {
        return services;
    }

    /**
     * @return every instance, grouped by service in start order: one list for the life of the fleet, so whoever
     * holds it sees instances added and dropped.
     */
    List<SupervisedInstance> instances()
    {
        return instances;
    }

    /**
     * Adds an instance to the service, with the lowest free number; it starts on the next health check.
     */
    SupervisedInstance add(final SupervisedService service)
    {
        // Scaling a partitioned service is refused (Scaling.refusal): an added instance serves no partition.
        return add(service, 0);
    }

    /**
     * Adds an instance that runs {@code release} (`procmesh rollout`), with the lowest free number, serving
     * {@code partition} (that of the instance it replaces; 0 for none).
     */
    SupervisedInstance add(final SupervisedService service, final ServiceDefinition release, final int partition)
    {
        final SupervisedInstance instance = add(service, partition);
        instance.process().runs(release);
        return instance;
    }

    private SupervisedInstance add(final SupervisedService service, final int partition)
    {
        int ordinal = 1;
        while (isUsed(service, service.definition().instanceId(ordinal)))
        {
            ordinal++;
        }
        final SupervisedInstance instance = factory.create(service, service.definition().instanceId(ordinal),
            partition);
        service.addInstance(instance);
        service.instances().sort((a, b) -> Integer.compare(ordinalOf(a), ordinalOf(b)));
        regroup();
        return instance;
    }

    /**
     * @return the {@code count} highest-numbered instances the service keeps, highest first: those to remove.
     */
    List<SupervisedInstance> highest(final SupervisedService service, final int count)
    {
        final List<SupervisedInstance> chosen = new ArrayList<>(count);
        final List<SupervisedInstance> all = service.instances();
        for (int i = all.size() - 1; i >= 0 && chosen.size() < count; i--)
        {
            if (!all.get(i).drain().isRequested())
            {
                chosen.add(all.get(i));
            }
        }
        return chosen;
    }

    /**
     * Lets go of the instances a scale-down stopped for good.
     */
    void dropRetired()
    {
        boolean dropped = false;
        for (final SupervisedService service : services.values())
        {
            dropped |= service.instances().removeIf(instance -> instance.drain().isRetired());
        }
        if (dropped)
        {
            regroup();
        }
    }

    /**
     * Thread-safe and cheap (a read of an immutable set), for whoever reclaims registry entries of instances gone.
     *
     * @return true while the instance is supervised: started, restarted, draining; false once scaled away, or
     * never in this fleet.
     */
    boolean supervises(final String instanceId)
    {
        return supervised.contains(instanceId);
    }

    /**
     * @return the count of each service that `procmesh scale` moved off the topology's {@code instances}.
     */
    Map<String, Integer> scaled()
    {
        final Map<String, Integer> scaled = new LinkedHashMap<>();
        for (final SupervisedService service : services.values())
        {
            final int count = service.count();
            if (count != service.definition().instances())
            {
                scaled.put(service.name(), count);
            }
        }
        return scaled;
    }

    /**
     * Before anything runs: the counts, then the releases, a killed launcher of the same topology had in force.
     */
    void restore(final Optional<LauncherState> previous, final String topologyPath)
    {
        restoreScaled(previous, topologyPath);
        restoreReleased(previous, topologyPath);
    }

    /**
     * Before anything runs: takes the counts a killed launcher of the same topology had in force, so adopting its
     * instances keeps them; see {@link Supervisor#adoptRunning}.
     */
    void restoreScaled(final Optional<LauncherState> previous, final String topologyPath)
    {
        if (previous.isEmpty() || !topologyPath.equals(previous.get().topology()))
        {
            return;
        }
        for (final Map.Entry<String, Integer> entry : previous.get().scaled().entrySet())
        {
            final SupervisedService service = services.get(entry.getKey());
            final int count = entry.getValue();
            if (service == null || count < 0 || count > service.definition().maxInstances())
            {
                LOG.warn("ignoring the earlier launcher's scale of {} to {}: not allowed by this topology",
                    entry.getKey(), count);
                continue;
            }
            LOG.info("{}: {} instances, as scaled under the earlier launcher (topology: {})", service.name(), count,
                service.definition().instances());
            if (service.definition().partitions() > 0)
            {
                // Only a rollout cut short leaves a partitioned service scaled: its instances keep their partitions.
                takeInstanceIds(service, previous.get());
            }
            else
            {
                resize(service, count);
            }
        }
    }

    /**
     * Makes the service's instances those the earlier launcher ran, by id, each serving its recorded partition.
     */
    private void takeInstanceIds(final SupervisedService service, final LauncherState previous)
    {
        service.instances().clear();
        for (final LauncherState.Instance instance : previous.instances())
        {
            if (instance.service().equals(service.name()))
            {
                service.addInstance(factory.create(service, instance.instanceId(), instance.partition()));
            }
        }
        regroup();
    }

    /**
     * @return the release of each service a `procmesh rollout` changed, and the one before it.
     */
    Map<String, LauncherState.Released> released()
    {
        final Map<String, LauncherState.Released> released = new LinkedHashMap<>();
        for (final SupervisedService service : services.values())
        {
            final ServiceDefinition previous = service.previousRelease();
            if (previous != null)
            {
                released.put(service.name(), new LauncherState.Released(service.release().version(),
                    paths(service.release()), previous.version(), paths(previous)));
            }
        }
        return released;
    }

    /**
     * Before anything runs, after {@link #restoreScaled}: takes the releases a killed launcher of the same topology
     * had in force, and its instance ids (a rollout leaves other numbers than 1 to N), so adopting keeps them and a
     * restart runs the rolled-out version, not the topology's.
     */
    void restoreReleased(final Optional<LauncherState> previous, final String topologyPath)
    {
        if (previous.isEmpty() || !topologyPath.equals(previous.get().topology()))
        {
            return;
        }
        for (final Map.Entry<String, LauncherState.Released> entry : previous.get().released().entrySet())
        {
            final SupervisedService service = services.get(entry.getKey());
            if (service == null)
            {
                continue;
            }
            final LauncherState.Released released = entry.getValue();
            service.restoreReleases(release(service, released.version(), released.classPath()),
                release(service, released.previousVersion(), released.previousClassPath()));
            LOG.info("{}: version {}, as rolled out under the earlier launcher (topology: {})", service.name(),
                released.version(), service.definition().version());
            takeInstanceIds(service, previous.get());
        }
    }

    /**
     * Before anything runs: back to the topology's {@code instances} (and release) of every service.
     */
    void resetToTopology()
    {
        for (final SupervisedService service : services.values())
        {
            if (service.previousRelease() != null)
            {
                service.restoreReleases(service.definition(), null);
                service.instances().clear();
            }
            resize(service, service.definition().instances());
        }
    }

    private static ServiceDefinition release(final SupervisedService service, final String version,
                                             final List<String> classPath)
    {
        return service.definition().release(version,
            classPath == null ? List.of() : classPath.stream().map(Path::of).toList());
    }

    private static List<String> paths(final ServiceDefinition release)
    {
        return release.classPath().stream().map(Path::toString).toList();
    }

    private void resize(final SupervisedService service, final int count)
    {
        final List<SupervisedInstance> own = service.instances();
        while (own.size() > count)
        {
            own.remove(own.size() - 1);
        }
        while (own.size() < count)
        {
            final int ordinal = own.size() + 1;
            // The topology's instance <service>-k serves partition k.
            service.addInstance(factory.create(service, service.definition().instanceId(ordinal),
                service.definition().partitions() > 0 ? ordinal : 0));
        }
        regroup();
    }

    private void regroup()
    {
        instances.clear();
        final Set<String> ids = new HashSet<>();
        for (final SupervisedService service : services.values())
        {
            for (final SupervisedInstance instance : service.instances())
            {
                instances.add(instance);
                ids.add(instance.instanceId());
            }
        }
        supervised = Set.copyOf(ids);
    }

    private static boolean isUsed(final SupervisedService service, final String instanceId)
    {
        for (final SupervisedInstance instance : service.instances())
        {
            if (instance.instanceId().equals(instanceId))
            {
                return true;
            }
        }
        return false;
    }

    private static int ordinalOf(final SupervisedInstance instance)
    {
        final String id = instance.instanceId();
        return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
    }
}
