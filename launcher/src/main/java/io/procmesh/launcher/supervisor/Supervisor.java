package io.procmesh.launcher.supervisor;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.config.ConcludeOnce;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.launcher.LauncherConfiguration;
import io.procmesh.launcher.alert.AlertSink;
import io.procmesh.launcher.health.InstanceHealth;
import io.procmesh.launcher.incident.Incidents;
import io.procmesh.launcher.process.ChildSpawner;
import io.procmesh.launcher.process.GracefulStop;
import io.procmesh.launcher.recovery.RecoverableRegistry;
import io.procmesh.launcher.recovery.RegistryReclaimer;
import io.procmesh.launcher.state.ControlDirectory;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.state.LauncherStateFile;
import io.procmesh.launcher.topology.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Supervises every instance of a topology from one thread: each {@link #doWork(long)} is one health check of
 * every instance (start, check, kill, restart), takes operator requests, and republishes the state file when
 * something changed. Instances start in dependency order because each waits until its dependencies are UP.
 * <p>
 * It also watches the registry itself, and recovers it when a dead process left it wedged ({@link WedgeRecovery}).
 */
public final class Supervisor
{
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /**
     * How soon to look again while an instance is starting: its UP is a slot write the launcher cannot be woken
     * by, and at the 100 ms health check it was seen 50 ms late on average, a tenth of a restart on a quiet host.
     * A check reads each instance's slot without a lock, so checking more often while starting costs nothing.
     */
    static final long STARTING_POLL_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Context context;
    private final Fleet fleet;
    private final Map<String, SupervisedService> services;
    private final List<SupervisedInstance> instances;
    private final RestartRequests restarts;
    private final WedgeRecovery wedgeRecovery;
    private final RegistryReclaimer reclaimer;
    private boolean stateChanged = true;
    private long earliestRestartNs = Long.MAX_VALUE;
    private long startingPollNs = Long.MAX_VALUE;
    private boolean stoppedAll;

    public Supervisor(final Context context)
    {
        this.context = context.conclude();
        final Topology topology = context.topology;
        this.fleet = new Fleet(topology, this.context.alerts, this.context.incidents,
            (service, instanceId, partition) -> new SupervisedInstance(service, instanceId, partition,
            new InstanceHealth(instanceId, service.name(), context.registry.current(), service.definition().health()),
            context.spawner, topology.shutdownGraceMs(), context.drainTimeoutMs, context.wakeup, this::onStateChange,
            context.errorHandler));
        this.services = fleet.services();
        this.instances = fleet.instances();
        this.restarts = new RestartRequests(this.context.control, fleet, this.context.errorHandler,
            this.context.alerts);
        this.wedgeRecovery = new WedgeRecovery(this.context.registry, instances,
            this.context.registryProbeIntervalMs, this::publishState, this.context.alerts);
        this.reclaimer = new RegistryReclaimer(this.context.registry::current,
            entry -> supervises(entry.instanceId()), LauncherConfiguration.registryReclaimIntervalMs(),
            this.context.errorHandler);
    }

    private void onStateChange()
    {
        stateChanged = true;
    }

    /**
     * Takes over instances a killed launcher left running; see {@link Adoption}. The counts `procmesh scale` (and
     * the releases `procmesh rollout`) put in force under that launcher are kept when any of its instances still runs (the fleet outlived its launcher);
     * otherwise this is a fresh start, with the topology's counts.
     *
     * @return how many instances were adopted.
     */
    public int adoptRunning(final Optional<LauncherState> previous, final long nowNs)
    {
        fleet.restore(previous, LauncherState.topologyPath(context.topology.source()));
        final int adopted = Adoption.adopt(instances, context.registry.current(), context.spawner.dataDirectory(),
            previous, nowNs);
        if (adopted == 0)
        {
            fleet.resetToTopology();
        }
        return adopted;
    }

    /**
     * Thread-safe and cheap: the keep rule of the registry's reclamation. The registry keeps the entries of the
     * instances this supervises, whatever their state (a crashed one awaiting its restart keeps its counters); any
     * other entry is removed once its process is gone past procmesh.registry.reclaimGraceMs, so an instance
     * `procmesh scale` stopped leaves the registry after the grace period.
     *
     * @return true while the launcher supervises the instance (running, restarting, draining); false once `procmesh
     * scale` removed it and it stopped, or if it was never in this launcher's fleet.
     */
    public boolean supervises(final String instanceId)
    {
        return fleet.supervises(instanceId);
    }

    /**
     * One health check of every instance.
     *
     * @return the number of instances whose state changed, for the caller's idle strategy.
     */
    public int doWork(final long nowNs)
    {
        wedgeRecovery.recoverIfWedged(nowNs);
        reclaimer.reclaimIfDue(nowNs);
        restarts.take();
        earliestRestartNs = Long.MAX_VALUE;
        startingPollNs = Long.MAX_VALUE;
        for (final SupervisedInstance instance : instances)
        {
            try
            {
                instance.onCycle(nowNs);
            }
            catch (final RuntimeException ex)
            {
                context.errorHandler.onError(ex);
            }
            if (instance.state() == InstanceState.STARTING)
            {
                startingPollNs = nowNs + STARTING_POLL_NS;
            }
            final long delayedUntilNs = instance.delayedUntilNs(nowNs);
            if (delayedUntilNs != Long.MAX_VALUE &&
                (earliestRestartNs == Long.MAX_VALUE || delayedUntilNs - earliestRestartNs < 0))
            {
                earliestRestartNs = delayedUntilNs;
            }
        }
        fleet.dropRetired();
        wedgeRecovery.reportOnceSettled(nowNs, isSettled(),
            countInState(InstanceState.UP) + countInState(InstanceState.DEGRADED));
        // The state file first: an operator's restart is answered only once the state it reports is on disk, so a
        // `status` run right after `restart` returns shows the new instance UP (it showed STARTING under load).
        final int published = publishStateIfChanged();
        // advance() first: an action that ended (a rollout's release) and the states it changed both publish.
        stateChanged = restarts.advance(nowNs) || stateChanged;
        return published + publishStateIfChanged();
    }

    private int publishStateIfChanged()
    {
        if (!stateChanged)
        {
            return 0;
        }
        stateChanged = false;
        publishState();
        return 1;
    }

    /**
     * @return how many times the registry was found wedged and recovered while supervising.
     */
    public int registryRecoveries()
    {
        return wedgeRecovery.recoveries();
    }

    /**
     * @param nextCheckNs when the next regular health check is due.
     * @return when to run again: the next check, or earlier if a restart delay ends before it or an instance is
     * starting (see {@link #STARTING_POLL_NS}).
     */
    public long nextWakeNs(final long nextCheckNs)
    {
        long wakeNs = nextCheckNs;
        if (earliestRestartNs != Long.MAX_VALUE && earliestRestartNs - wakeNs < 0)
        {
            wakeNs = earliestRestartNs;
        }
        if (startingPollNs != Long.MAX_VALUE && startingPollNs - wakeNs < 0)
        {
            wakeNs = startingPollNs;
        }
        return wakeNs;
    }

    /**
     * @return true once every instance is UP, or can no longer come UP by itself (FAILED, or waiting on a
     * FAILED service): the moment to print the table.
     */
    public boolean isSettled()
    {
        for (final SupervisedInstance instance : instances)
        {
            final InstanceState state = instance.state();
            if (state != InstanceState.UP && state != InstanceState.DEGRADED && !instance.isBlocked())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return one line per instance: id, pid, state and, if any, why.
     */
    public List<String> summaryLines()
    {
        final List<String> lines = new ArrayList<>();
        for (final SupervisedInstance instance : instances)
        {
            lines.add(String.format("%-24s pid %-8s %-9s %s", instance.instanceId(),
                instance.process().child() != null ? Long.toString(instance.process().pid()) : "-", instance.state(),
                instance.detail()).stripTrailing());
        }
        return lines;
    }

    public long countInState(final InstanceState state)
    {
        return instances.stream().filter(instance -> instance.state() == state).count();
    }

    public int instanceCount()
    {
        return instances.size();
    }

    List<SupervisedInstance> instances()
    {
        return instances;
    }

    /**
     * Stops every running instance, dependents first (the topology's stop layers), and publishes the state.
     *
     * @return instance ids that could not be stopped.
     */
    public List<String> stopAll(final long nowNs)
    {
        // Standbys first: one alive when its primary stops would take the instance over.
        instances.forEach(instance -> instance.standby().stop());
        final List<List<GracefulStop.Target>> groups = new ArrayList<>();
        for (final List<String> layer : context.topology.stopLayers())
        {
            final List<GracefulStop.Target> group = new ArrayList<>();
            for (final String serviceName : layer)
            {
                for (final SupervisedInstance instance : services.get(serviceName).instances())
                {
                    if (instance.process().child() != null)
                    {
                        group.add(new GracefulStop.Target(instance.instanceId(), instance.process().child()));
                    }
                }
            }
            groups.add(group);
        }
        final List<String> survivors = GracefulStop.stop(groups, context.topology.shutdownGraceMs());
        for (final SupervisedInstance instance : instances)
        {
            instance.stoppedAtShutdown(nowNs);
        }
        // Scaled counts end with the fleet: the next `up` starts the topology's.
        stoppedAll = true;
        publishState();
        return survivors;
    }

    public void publishState()
    {
        final List<LauncherState.Instance> entries = new ArrayList<>(instances.size());
        for (final SupervisedInstance instance : instances)
        {
            entries.add(instance.stateEntry());
        }
        final Topology topology = context.topology;
        try
        {
            context.stateFile.write(new LauncherState(ProcessHandle.current().pid(),
                context.spawner.dataDirectory().root().toString(), LauncherState.topologyPath(topology.source()),
                System.currentTimeMillis(),
                topology.shutdownGraceMs(), topology.stopLayers(), entries, stoppedAll ? Map.of() : fleet.scaled(),
                stoppedAll ? Map.of() : fleet.released()));
        }
        catch (final IOException ex)
        {
            context.errorHandler.onError(ex);
        }
    }

    /**
     * What to supervise and with what.
     */
    public static final class Context
    {
        private final ConcludeOnce concluded = new ConcludeOnce("Supervisor.Context");
        private Topology topology;
        private RecoverableRegistry registry;
        private Long registryProbeIntervalMsValue;
        private long registryProbeIntervalMs;
        private ChildSpawner spawner;
        private LauncherStateFile stateFile;
        private ControlDirectory control;
        private ErrorHandler errorHandler;
        private AlertSink alerts;
        private Incidents incidents;
        private Runnable wakeup;
        private Long drainTimeoutMsValue;
        private long drainTimeoutMs;

        public Context topology(final Topology topology)
        {
            this.topology = topology;
            return this;
        }

        public Context registry(final RecoverableRegistry registry)
        {
            this.registry = registry;
            return this;
        }

        /**
         * @param registryProbeIntervalMs how often to check the registry for a lock left by a dead process; 0
         *                                turns the check off.
         */
        public Context registryProbeIntervalMs(final long registryProbeIntervalMs)
        {
            this.registryProbeIntervalMsValue = registryProbeIntervalMs;
            return this;
        }

        public Context spawner(final ChildSpawner spawner)
        {
            this.spawner = spawner;
            return this;
        }

        public Context stateFile(final LauncherStateFile stateFile)
        {
            this.stateFile = stateFile;
            return this;
        }

        public Context control(final ControlDirectory control)
        {
            this.control = control;
            return this;
        }

        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * @param alerts where a FAILED service, a restart storm, a hung or stuck instance, a recovered registry and
         *               a rolled-back rollout are raised; default: logged only.
         */
        public Context alerts(final AlertSink alerts)
        {
            this.alerts = alerts;
            return this;
        }

        /**
         * @param incidents where an instance that died or was killed as hung or stuck is written up; default: none.
         */
        public Context incidents(final Incidents incidents)
        {
            this.incidents = incidents;
            return this;
        }

        /**
         * @param drainTimeoutMs how long an instance `procmesh scale` removes may drain before SIGTERM.
         */
        public Context drainTimeoutMs(final long drainTimeoutMs)
        {
            this.drainTimeoutMsValue = drainTimeoutMs;
            return this;
        }

        /**
         * @param wakeup run when a child exits (on another thread), to cut the wait for the next health check.
         */
        public Context wakeup(final Runnable wakeup)
        {
            this.wakeup = wakeup;
            return this;
        }

        /**
         * Checks the required fields and fills the rest from configuration. Called by the constructor; a second
         * call throws {@link IllegalStateException}.
         */
        public Context conclude()
        {
            concluded.begin();
            Objects.requireNonNull(topology, "Supervisor.Context.topology is required");
            Objects.requireNonNull(registry, "Supervisor.Context.registry is required");
            Objects.requireNonNull(spawner, "Supervisor.Context.spawner is required");
            Objects.requireNonNull(stateFile, "Supervisor.Context.stateFile is required");
            Objects.requireNonNull(control, "Supervisor.Context.control is required");
            Objects.requireNonNull(errorHandler, "Supervisor.Context.errorHandler is required");
            registryProbeIntervalMs = registryProbeIntervalMsValue != null ?
                registryProbeIntervalMsValue : LauncherConfiguration.registryProbeIntervalMs();
            drainTimeoutMs = drainTimeoutMsValue != null ? drainTimeoutMsValue : LauncherConfiguration.drainTimeoutMs();
            wakeup = wakeup != null ? wakeup : () -> { };
            alerts = alerts != null ? alerts : AlertSink.LOG_ONLY;
            return this;
        }
    }
}
