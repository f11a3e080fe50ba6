package io.procmesh.launcher.supervisor;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.launcher.health.InstanceHealth;
import io.procmesh.launcher.process.ChildProcess;
import io.procmesh.launcher.process.ChildSpawner;
import io.procmesh.launcher.process.LogTail;
import io.procmesh.launcher.topology.ServiceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The process side of one {@link SupervisedInstance}: the release it starts (the topology's service, or the version
 * a `procmesh rollout` put in), the child running now (or none), its pid, how often it was started and restarted,
 * and when its last exit was seen. Letting go of a child also marks its registry entry DOWN,
 * so callers stop routing to it. Only the supervisor thread uses it.
 */
final class InstanceProcess
{
    private static final Logger LOG = LoggerFactory.getLogger(InstanceProcess.class);

    private final String instanceId;
    /**
     * The partition its children serve, 0 for none: the supervised instance's own, not read from its id, since a
     * new instance (another id) may serve the same partition.
     */
    private final int partition;
    private final InstanceHealth health;
    private ServiceDefinition definition;
    private ChildProcess child;
    private long pid;
    private int starts;
    private int restarts;
    private boolean everRan;
    private long lastExitDetectedNs;

    InstanceProcess(final String instanceId, final int partition, final InstanceHealth health)
    {
        this.instanceId = instanceId;
        this.partition = partition;
        this.health = health;
    }

    /**
     * Sets what each later start runs: a restart runs the instance's own release, so an instance a rollout started
     * stays on the new version and the old ones on theirs until each is replaced.
     */
    void runs(final ServiceDefinition release)
    {
        definition = release;
    }

    /**
     * @return the release its starts run.
     */
    ServiceDefinition definition()
    {
        return definition;
    }

    /**
     * A process a previous launcher started, with that launcher's restart count; its exit runs {@code wakeup}.
     */
    void adopted(final ChildProcess process, final int previousRestarts, final Runnable wakeup)
    {
        process.onExit().thenRun(wakeup);
        child = process;
        pid = process.pid();
        restarts = previousRestarts;
        everRan = true;
    }

    /**
     * Its hot standby took the instance over from the child that died: it is the child now, counted as a restart.
     */
    void promoted(final ChildProcess standby, final Runnable wakeup)
    {
        child = standby;
        pid = standby.pid();
        restarts++;
        starts++;
    }

    /**
     * @return the number of the start about to be made; every start after the first counts as a restart.
     */
    int nextStart()
    {
        if (everRan)
        {
            restarts++;
        }
        everRan = true;
        return ++starts;
    }

    int partition()
    {
        return partition;
    }

    /**
     * Spawns its next start; the child's exit runs {@code wakeup}.
     *
     * @return null once started, else why it could not be (reported to the error handler and logged).
     */
    String spawn(
        final ChildSpawner spawner,
        final Runnable wakeup,
        final ErrorHandler errorHandler)
    {
        final int start = nextStart();
        try
        {
            child = spawner.spawn(definition, instanceId, PartitionProperties.of(definition, partition), start);
        }
        catch (final Exception ex)
        {
            errorHandler.onError(ex);
            LOG.error("{} cannot be started: {}", instanceId, ex.getMessage());
            return String.valueOf(ex.getMessage());
        }
        pid = child.pid();
        child.onExit().thenRun(wakeup);
        LOG.info("{} starting: pid {} (start #{}, log {})", instanceId, pid, start, spawner.log(instanceId));
        return null;
    }

    /**
     * Lets go of the child, if there is one, seen exiting (or given up on, or killed for a registry recovery) at
     * {@code nowNs}.
     */
    void exited(final long nowNs)
    {
        if (child != null)
        {
            lastExitDetectedNs = nowNs;
            release();
        }
    }

    /**
     * Lets go of a child the health check found dead, and kills what it left in its process group.
     *
     * @param log its log file, whose last line is logged if it exited by itself.
     * @return how it died, e.g. {@code exit code 1} or {@code killed by signal 9}.
     */
    String died(final long nowNs, final Path log)
    {
        final ChildProcess dead = child;
        exited(nowNs);
        final String how = dead.exitDescription();
        if (dead.exitedByItself())
        {
            LOG.warn("{} pid {} died: {}; {} ends with: {}", instanceId, pid, how, log, LogTail.lastLine(log));
        }
        else
        {
            LOG.warn("{} pid {} died: {}", instanceId, pid, how);
        }
        dead.killLeftovers();
        return how;
    }

    /**
     * Lets go of the child, if there is one, stopped at shutdown: not an exit the failover figures count.
     */
    void release()
    {
        if (child != null)
        {
            health.markDown(pid);
            child = null;
        }
    }

    /**
     * @return the running child, or null.
     */
    ChildProcess child()
    {
        return child;
    }

    /**
     * @return the pid of the running child, or of the last one.
     */
    long pid()
    {
        return pid;
    }

    int starts()
    {
        return starts;
    }

    int restarts()
    {
        return restarts;
    }

    long lastExitDetectedNs()
    {
        return lastExitDetectedNs;
    }
}
