package io.procmesh.launcher.supervisor;

import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.launcher.alert.AlertSink;
import io.procmesh.launcher.alert.Alerts;
import io.procmesh.launcher.incident.Incidents;
import io.procmesh.launcher.process.LogTail;
import io.procmesh.launcher.topology.ServiceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A service under supervision: its instances, the services it waits for, and its restart intensity limit,
 * which counts the restarts of all its instances together, as an OTP supervisor does.
 */
final class SupervisedService
{
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedService.class);

    private final ServiceDefinition definition;
    private final RestartIntensity intensity;
    private final List<SupervisedService> dependencies = new ArrayList<>();
    private final List<SupervisedInstance> instances = new ArrayList<>();
    private final AlertSink alerts;
    private final Incidents incidents;
    private boolean failed;
    private ServiceDefinition release;
    private ServiceDefinition previousRelease;

    SupervisedService(final ServiceDefinition definition)
    {
        this(definition, AlertSink.LOG_ONLY, null);
    }

    /**
     * @param incidents where its instances' deaths and kills are written up, or null.
     */
    SupervisedService(final ServiceDefinition definition, final AlertSink alerts, final Incidents incidents)
    {
        this.definition = definition;
        this.alerts = alerts;
        this.incidents = incidents;
        this.release = definition;
        this.intensity = new RestartIntensity(definition.restart().maxRestarts(), definition.restart().withinSeconds());
    }

    String name()
    {
        return definition.name();
    }

    ServiceDefinition definition()
    {
        return definition;
    }

    /**
     * @return what its new instances and restarts run: the topology's definition, or the release the last
     * completed `procmesh rollout` put in.
     */
    ServiceDefinition release()
    {
        return release;
    }

    /**
     * @return the release before the last completed rollout, for `procmesh rollback`; null if none.
     */
    ServiceDefinition previousRelease()
    {
        return previousRelease;
    }

    /**
     * A rollout finished: {@code to} is what the service runs from now on, the one it replaced what a rollback
     * returns to.
     */
    void released(final ServiceDefinition to)
    {
        previousRelease = release;
        release = to;
    }

    /**
     * Before anything runs: the releases a killed launcher had in force ({@code previous} may be null).
     */
    void restoreReleases(final ServiceDefinition current, final ServiceDefinition previous)
    {
        release = current;
        previousRelease = previous;
    }

    List<SupervisedInstance> instances()
    {
        return instances;
    }

    void addDependency(final SupervisedService dependency)
    {
        dependencies.add(dependency);
    }

    void addInstance(final SupervisedInstance instance)
    {
        instances.add(instance);
    }

    /**
     * @return how many instances it runs now: those `procmesh scale` is removing are not counted.
     */
    int count()
    {
        int count = 0;
        for (final SupervisedInstance instance : instances)
        {
            if (!instance.drain().isRequested())
            {
                count++;
            }
        }
        return count;
    }

    /**
     * @return true if every instance it keeps is UP (or DEGRADED, still serving): dependents may start. A service
     * scaled to 0 has none to wait for.
     */
    boolean isUp()
    {
        for (final SupervisedInstance instance : instances)
        {
            final InstanceState state = instance.state();
            if (!instance.drain().isRequested() && state != InstanceState.UP && state != InstanceState.DEGRADED)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the first dependency that is not UP, or null if this service may start.
     */
    SupervisedService firstDependencyNotUp()
    {
        for (final SupervisedService dependency : dependencies)
        {
            if (!dependency.isUp())
            {
                return dependency;
            }
        }
        return null;
    }

    /**
     * @return true if this service, or one it depends on (transitively), is FAILED: it cannot come UP by itself.
     */
    boolean isBlocked()
    {
        if (failed)
        {
            return true;
        }
        for (final SupervisedService dependency : dependencies)
        {
            if (dependency.isBlocked())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return true if restarts of the two services must not overlap: the same service, or one depends on the
     * other (transitively), so one's restart takes the other DOWN or waits for it.
     */
    boolean isRelatedTo(final SupervisedService other)
    {
        return this == other || dependsOn(other) || other.dependsOn(this);
    }

    private boolean dependsOn(final SupervisedService other)
    {
        for (final SupervisedService dependency : dependencies)
        {
            if (dependency == other || dependency.dependsOn(other))
            {
                return true;
            }
        }
        return false;
    }

    boolean isFailed()
    {
        return failed;
    }

    /**
     * Counts a restart against the intensity limit; past the limit the service is FAILED, with one ALERT line.
     *
     * @return true if the restart may go ahead.
     */
    boolean tryRestart(final long nowNs, final String instanceId, final String reason, final Path log)
    {
        if (failed)
        {
            return false;
        }
        if (intensity.tryRecord(nowNs))
        {
            final int recent = intensity.recentRestarts(nowNs);
            if (recent >= stormThreshold())
            {
                alerts.fire(Alerts.RESTART_STORM, Alerts.WARNING, name(), "", "restart storm: " + name() + " " +
                    "restarted " + recent + " times within " + intensity.windowSeconds() + " s (FAILED after " +
                    intensity.maxRestarts() + "; last: " + instanceId + " " + reason + ")");
            }
            return true;
        }
        failed = true;
        alerts.resolve(Alerts.RESTART_STORM, name(), "", "restart storm: " + name() + " is FAILED now");
        alerts.fire(Alerts.SERVICE_FAILED, Alerts.CRITICAL, name(), "", "service '" + name() + "' FAILED: more " +
            "than " + intensity.maxRestarts() + " restarts within " + intensity.windowSeconds() + " s; it will not " +
            "be restarted (last: " + instanceId + " " + reason + "; " + log + " ends with: " + LogTail.lastLine(log) +
            "). Fix it, then run 'procmesh restart " + name() + "'.");
        return false;
    }

    /**
     * Called when an instance has been UP for its stable time: the storm is over unless other instances still
 * restart.
     */
    void stable(final String instanceId, final long nowNs)
    {
        if (intensity.recentRestarts(nowNs) < stormThreshold())
        {
            alerts.resolve(Alerts.RESTART_STORM, name(), "", "restart storm: " + name() + " over, " + instanceId +
                " UP and stable");
        }
    }

    private int stormThreshold()
    {
        return Math.max(2, (intensity.maxRestarts() + 1) / 2);
    }

    AlertSink alerts()
    {
        return alerts;
    }

    /**
     * Writes up an instance that died or was killed ({@link Incidents}).
     *
     * @return {@code "; incident <id>"} for the alert's detail, or empty without incident capture.
     */
    String incident(final String instanceId, final long pid, final String what, final String detail,
        final InstanceSnapshot counters, final Path log)
    {
        return incidents == null ? "" :
            "; incident " + incidents.record(name(), instanceId, pid, what, detail, counters, log);
    }

    /**
     * Clears FAILED and the restart history, for an operator's `procmesh restart`.
     */
    void clearFailure()
    {
        if (failed)
        {
            LOG.info("service '{}' FAILED state cleared by a restart request", name());
            alerts.resolve(Alerts.SERVICE_FAILED, name(), "", "service '" + name() + "' restarted by an operator");
        }
        failed = false;
        intensity.reset();
    }
}
