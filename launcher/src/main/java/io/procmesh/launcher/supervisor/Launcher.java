package io.procmesh.launcher.supervisor;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.agent.LoggingErrorHandler;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.core.config.ConcludeOnce;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherConfiguration;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.ShutdownSignal;
import io.procmesh.launcher.alert.AlertSink;
import io.procmesh.launcher.alert.AlertWebhook;
import io.procmesh.launcher.alert.Alerts;
import io.procmesh.launcher.incident.Incidents;
import io.procmesh.launcher.process.ChildClassPath;
import io.procmesh.launcher.process.ChildSpawner;
import io.procmesh.launcher.process.ClassDataArchive;
import io.procmesh.launcher.recovery.RecoverableRegistry;
import io.procmesh.launcher.recovery.RegistryAccess;
import io.procmesh.launcher.state.ControlDirectory;
import io.procmesh.launcher.state.LauncherLock;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.state.LauncherStateFile;
import io.procmesh.launcher.state.PartitionCounts;
import io.procmesh.launcher.status.StatusPublisher;
import io.procmesh.launcher.status.StatusSnapshotFile;
import io.procmesh.launcher.topology.ServiceDefinition;
import io.procmesh.launcher.topology.Topology;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * `procmesh up` in the foreground: takes the data directory's lock, adopts what an earlier launcher left
 * running, starts the rest, prints one line per instance once all are UP, supervises until SIGTERM/SIGINT,
 * then stops everything in reverse dependency order. Close order: children, registry, lock.
 */
public final class Launcher
{
    /**
     * How often `launcher/status.json` is rewritten for `procmesh status`: its heartbeat ages are at most this old.
     */
    static final long STATUS_INTERVAL_MS = 250;

    private final Context context;

    private Launcher(final Context context)
    {
        this.context = context;
    }

    /**
     * Runs on the calling thread, which must be the one that created the signal.
     *
     * @return the exit code.
     */
    public static int run(final Context context, final ShutdownSignal signal)
    {
        return new Launcher(context.conclude()).supervise(signal);
    }

    private int supervise(final ShutdownSignal signal)
    {
        requireFreeSpace();
        final LauncherFiles files = new LauncherFiles(context.dataDirectory);
        final LauncherStateFile stateFile = new LauncherStateFile(files.stateFile());
        try (LauncherLock ignored = LauncherLock.acquire(files))
        {
            // Under the lock, before any instance runs: a partition count that changed over the same data is refused.
            PartitionCounts.checkAndRecord(context.dataDirectory, partitionCounts());
            final Optional<LauncherState> previous = previousState(stateFile);
            try (RecoverableRegistry registry =
                RegistryAccess.openForLauncher(context.dataDirectory, context.registryMaxInstances, previous))
            {
                return supervise(signal, files, stateFile, previous, registry);
            }
        }
        catch (final IOException ex)
        {
            throw new LauncherException(ExitCodes.FAILURE, "launcher I/O failure in " +
                context.dataDirectory.root() + ": " + ex.getMessage(), ex);
        }
    }

    private Map<String, Integer> partitionCounts()
    {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        for (final ServiceDefinition service : context.topology.services())
        {
            counts.put(service.name(), service.partitions());
        }
        return counts;
    }

    private void requireFreeSpace()
    {
        try
        {
            context.dataDirectory.requireFreeSpace(Configuration.minFreeDiskMb());
        }
        catch (final IllegalStateException | UncheckedIOException ex)
        {
            throw new LauncherException(ExitCodes.FAILURE, ex.getMessage(), ex);
        }
    }

    private int supervise(
        final ShutdownSignal signal,
        final LauncherFiles files,
        final LauncherStateFile stateFile,
        final Optional<LauncherState> previous,
        final RecoverableRegistry registry) throws IOException
    {
        final ControlDirectory control = new ControlDirectory(files.controlDirectory());
        control.create();
        // Closed in reverse: the webhook stops reading the topic before the topic closes.
        try (ClassDataArchive classData = ClassDataArchive.of(context.classDataSharing, files.classDataDirectory(),
            context.classPath, context.dataDirectory.log("cds-training"), context.classDataTrainingMain);
            BreakerTable breakers = BreakerTable.open(context.dataDirectory.breakerTable());
            Alerts alerts = openAlerts();
            Incidents incidents = new Incidents(context.dataDirectory);
            AlertWebhook webhook = context.topology.alertWebhook() == null ? null : new AlertWebhook(
                context.dataDirectory, context.topology.alertWebhook(), files.alertWebhookIndexFile()))
        {
            return supervise(signal, stateFile, previous, registry, control, classData, breakers,
                alerts != null ? alerts : AlertSink.LOG_ONLY, incidents);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return ExitCodes.STOPPED_BY_SIGNAL;
        }
    }

    /**
     * @return the alerts topic, or null if it cannot be opened: alerts are then only logged, and supervision goes on.
     */
    private Alerts openAlerts()
    {
        try
        {
            return Alerts.open(context.dataDirectory);
        }
        catch (final RuntimeException ex)
        {
            context.errorHandler.onError(new IllegalStateException("cannot open the alerts topic in " +
                context.dataDirectory.topic(Alerts.TOPIC) + ": alerts are only logged", ex));
            return null;
        }
    }

    private int supervise(
        final ShutdownSignal signal,
        final LauncherStateFile stateFile,
        final Optional<LauncherState> previous,
        final RecoverableRegistry registry,
        final ControlDirectory control,
        final ClassDataArchive classData,
        final BreakerTable breakers,
        final AlertSink alerts,
        final Incidents incidents)
    {
        final Thread supervisingThread = Thread.currentThread();
        final Supervisor supervisor = new Supervisor(new Supervisor.Context()
            .topology(context.topology)
            .registry(registry)
            .spawner(new ChildSpawner(context.dataDirectory, context.classPath,
                ChildSpawner.setsidIfAvailable(context.detachChildren, context.setsidPath), classData))
            .stateFile(stateFile)
            .control(control)
            .errorHandler(context.errorHandler)
            .alerts(alerts)
            .incidents(incidents)
            .wakeup(() -> LockSupport.unpark(supervisingThread)));

        final long startNs = System.nanoTime();
        final int adopted = supervisor.adoptRunning(previous, startNs);
        context.out.println("procmesh: supervising " + instances(supervisor.instanceCount()) + " from " +
            context.topology.source() + " in " + context.dataDirectory.root() +
            (adopted > 0 ? " (" + adopted + " adopted from an earlier launcher)" : ""));
        try
        {
            final StatusPublisher status = new StatusPublisher(registry::current, breakers,
                new StatusSnapshotFile(new LauncherFiles(context.dataDirectory).statusFile()),
                STATUS_INTERVAL_MS, context.errorHandler);
            superviseUntilSignalled(supervisor, signal, startNs, classData, status,
                new BreakerAlerts(breakers, alerts, context.errorHandler, STATUS_INTERVAL_MS),
                new DiskSpaceAlerts(context.dataDirectory, LauncherConfiguration.alertFreeDiskMb(), alerts,
                    context.errorHandler));
        }
        finally
        {
            // Any way out but SIGKILL stops the children; after a SIGKILL the next `up` adopts them.
            context.out.println("procmesh: stopping all instances");
            final List<String> survivors = supervisor.stopAll(System.nanoTime());
            context.out.println(survivors.isEmpty() ?
                "procmesh: all instances stopped" : "procmesh: could not stop " + survivors);
        }
        return ExitCodes.STOPPED_BY_SIGNAL;
    }

    private void superviseUntilSignalled(
        final Supervisor supervisor,
        final ShutdownSignal signal,
        final long startNs,
        final ClassDataArchive classData,
        final StatusPublisher status,
        final BreakerAlerts breakerAlerts,
        final DiskSpaceAlerts diskSpaceAlerts)
    {
        final StartProgress progress = new StartProgress(context.out, startNs);
        final long intervalNs = TimeUnit.MILLISECONDS.toNanos(context.topology.healthCheckIntervalMs());
        long nextCheckNs = startNs;
        boolean announced = false;
        while (!signal.isRequested())
        {
            final long nowNs = System.nanoTime();
            supervisor.doWork(nowNs);
            status.publishIfDue(nowNs);
            breakerAlerts.checkIfDue(nowNs);
            diskSpaceAlerts.checkIfDue(nowNs);
            if (!announced)
            {
                progress.printIfDue(supervisor.instances(), nowNs);
            }
            if (!announced && supervisor.isSettled())
            {
                announced = true;
                announce(supervisor, nowNs - startNs);
                // Now, not earlier: on a small host the training JVM would slow the start-up it is meant to speed.
                classData.createIfMissing();
            }
            if (nowNs - nextCheckNs >= 0)
            {
                nextCheckNs += intervalNs;
                if (nextCheckNs - nowNs <= 0)
                {
                    nextCheckNs = nowNs + intervalNs;
                }
            }
            // A child's exit or a signal unparks this thread, so death is noticed without waiting for the tick;
            // a restart delay ending before the tick is honoured to the millisecond, not rounded up to it.
            LockSupport.parkNanos(this, supervisor.nextWakeNs(nextCheckNs) - System.nanoTime());
        }
    }

    private void announce(final Supervisor supervisor, final long elapsedNs)
    {
        final long up = supervisor.countInState(InstanceState.UP) + supervisor.countInState(InstanceState.DEGRADED);
        final String seconds = String.format("%.1f s", elapsedNs / 1e9);
        if (up == supervisor.instanceCount())
        {
            context.out.println("procmesh: all " + instances(up) + " UP in " + seconds +
                "; supervising (Ctrl-C or 'procmesh down' stops everything)");
        }
        else
        {
            context.out.println("procmesh: " + up + " of " + instances(supervisor.instanceCount()) + " UP after " +
                seconds + "; the others are FAILED or wait for a FAILED service (see ALERT above)");
        }
        for (final String line : supervisor.summaryLines())
        {
            context.out.println("  " + line);
        }
    }

    private static String instances(final long count)
    {
        return count + (count == 1 ? " instance" : " instances");
    }

    private Optional<LauncherState> previousState(final LauncherStateFile stateFile)
    {
        try
        {
            return stateFile.read();
        }
        catch (final IOException ex)
        {
            context.errorHandler.onError(ex);
            return Optional.empty();
        }
    }

    /**
     * What to run and where. Unset fields default from {@link LauncherConfiguration} and {@link Configuration}.
     */
    public static final class Context
    {
        private final ConcludeOnce concluded = new ConcludeOnce("Launcher.Context");
        private Topology topology;
        private DataDirectory dataDirectory;
        private ChildClassPath classPath;
        private PrintStream out;
        private ErrorHandler errorHandler;
        private Boolean detachChildrenValue;
        private boolean detachChildren;
        private String setsidPath;
        private Integer registryMaxInstancesValue;
        private int registryMaxInstances;
        private Boolean classDataSharingValue;
        private boolean classDataSharing;
        private String classDataTrainingMain;

        public Context topology(final Topology topology)
        {
            this.topology = topology;
            return this;
        }

        public Context dataDirectory(final DataDirectory dataDirectory)
        {
            this.dataDirectory = dataDirectory;
            return this;
        }

        public Context classPath(final ChildClassPath classPath)
        {
            this.classPath = classPath;
            return this;
        }

        public Context out(final PrintStream out)
        {
            this.out = out;
            return this;
        }

        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        public Context detachChildren(final boolean detachChildren)
        {
            this.detachChildrenValue = detachChildren;
            return this;
        }

        public Context setsidPath(final String setsidPath)
        {
            this.setsidPath = setsidPath;
            return this;
        }

        public Context registryMaxInstances(final int registryMaxInstances)
        {
            this.registryMaxInstancesValue = registryMaxInstances;
            return this;
        }

        /**
         * @param classDataSharing whether child JVMs get a class-data-sharing archive (made once, see
         *                         {@link ClassDataArchive}).
         */
        public Context classDataSharing(final boolean classDataSharing)
        {
            this.classDataSharingValue = classDataSharing;
            return this;
        }

        /**
         * @param mainClass what the class-data training JVM runs (see {@link ClassDataArchive}); without one,
         *                  children get no archive. The supervisor knows nothing of what is worth training on.
         */
        public Context classDataTrainingMain(final String mainClass)
        {
            this.classDataTrainingMain = mainClass;
            return this;
        }

        /**
         * Fills every unset field from configuration and checks the result. Called by run; a second call throws
         * {@link IllegalStateException}.
         */
        public Context conclude()
        {
            concluded.begin();
            Objects.requireNonNull(topology, "Launcher.Context.topology is required");
            Objects.requireNonNull(dataDirectory, "Launcher.Context.dataDirectory is required");
            if (classPath == null)
            {
                classPath = ChildClassPath.ofThisJvm();
            }
            classPath.requireExists();
            if (out == null)
            {
                out = System.out;
            }
            if (errorHandler == null)
            {
                errorHandler = new LoggingErrorHandler("launcher");
            }
            detachChildren = detachChildrenValue != null ?
                detachChildrenValue : LauncherConfiguration.detachChildren();
            if (setsidPath == null)
            {
                setsidPath = LauncherConfiguration.setsidPath();
            }
            classDataSharing = classDataSharingValue != null ?
                classDataSharingValue : LauncherConfiguration.classDataSharing();
            registryMaxInstances = registryMaxInstancesValue != null ?
                registryMaxInstancesValue : Configuration.registryMaxInstances();
            return this;
        }
    }
}
