package io.procmesh.launcher.health;

import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Registry;
import io.procmesh.launcher.topology.HealthPolicy;

import java.util.concurrent.TimeUnit;

/**
 * Health of one supervised instance, read from its registry slot without any lock: liveness of its process,
 * heartbeat age and inbox progress. Called every health check interval.
 */
public final class InstanceHealth
{
    private final String instanceId;
    private Registry registry;
    private final long heartbeatTimeoutNs;
    private final long degradedAfterNs;
    private final ProgressTracker progress;
    private InstanceSlot slot;
    private long heartbeatAgeNs;
    private long backlog;

    public InstanceHealth(final String instanceId, final Registry registry, final HealthPolicy policy)
    {
        this.instanceId = instanceId;
        this.registry = registry;
        this.heartbeatTimeoutNs = TimeUnit.MILLISECONDS.toNanos(policy.heartbeatTimeoutMs());
        this.degradedAfterNs = heartbeatTimeoutNs / 2;
        this.progress = new ProgressTracker(TimeUnit.MILLISECONDS.toNanos(policy.stuckAfterMs()));
    }

    /**
     * The status is read before the heartbeat, and a registration that is not yet UP is judged by the start
     * timeout (the supervisor's), never by the heartbeat timeout. Registration publishes STARTING before the new pid
     * and a fresh heartbeat before the instance can report UP, so a heartbeat read after a non-STARTING status of
     * this pid is this incarnation's. Reading the heartbeat first held a starting instance to the heartbeat
     * timeout in two windows: the new pid seen beside the former incarnation's old heartbeat, and a first
     * heartbeat followed by a slow queue open before the next one.
     *
     * @param pid   the process that should own the slot; an entry with another pid is a former incarnation.
     * @param alive whether that process is running.
     */
    public Verdict assess(final long pid, final boolean alive, final long nowNs)
    {
        if (!alive)
        {
            return Verdict.DEAD;
        }
        if (!attached() || slot.pid() != pid)
        {
            return Verdict.STARTING;
        }
        final InstanceStatus status = slot.status();
        if (status == InstanceStatus.STARTING || status == InstanceStatus.UNKNOWN)
        {
            return Verdict.STARTING;
        }
        heartbeatAgeNs = nowNs - slot.heartbeatNs();
        if (heartbeatAgeNs > heartbeatTimeoutNs)
        {
            return Verdict.HUNG;
        }
        if (status != InstanceStatus.UP)
        {
            return Verdict.DEGRADED;
        }
        final long index = slot.lastHandledIndex();
        // InstanceSlot has no lock-free getter for the backlog yet; a snapshot (no lock, but a copy) is only
        // needed while the read position stands still.
        backlog = progress.hasMoved(index) ? 0 : slot.snapshot().inboxBacklog();
        switch (progress.observe(index, backlog, nowNs))
        {
            case STUCK:
                return Verdict.STUCK;
            case STALLED:
                return Verdict.DEGRADED;
            default:
                return heartbeatAgeNs > degradedAfterNs ? Verdict.DEGRADED : Verdict.UP;
        }
    }

    /**
     * Marks a dead incarnation DOWN in the registry, so callers stop routing to it and status shows it. Does
     * nothing if a newer incarnation already registered.
     */
    public void markDown(final long pid)
    {
        if (attached() && slot.pid() == pid && slot.status() != InstanceStatus.DOWN)
        {
            slot.status(InstanceStatus.DOWN);
        }
    }

    /**
     * Drops the slot and the registry before the registry is closed for recovery; until {@link #rebind}, the
     * instance reads as not registered and nothing is written.
     */
    public void detach()
    {
        registry = null;
        slot = null;
    }

    /**
     * Reads from a recovered registry from now on; the slot is bound again on the next assessment.
     */
    public void rebind(final Registry recovered)
    {
        registry = recovered;
        slot = null;
        reset();
    }

    /**
     * Forgets progress history, for a new incarnation.
     */
    public void reset()
    {
        progress.reset();
        heartbeatAgeNs = 0;
        backlog = 0;
    }

    /**
     * @return why the last assessment was DEGRADED, for the log and the state file.
     */
    public String degradedReason(final long nowNs)
    {
        if (stalledForMs(nowNs) > 0)
        {
            return "inbox backlog growing with nothing handled for " + stalledForMs(nowNs) + " ms";
        }
        if (heartbeatAgeNs > degradedAfterNs)
        {
            return "heartbeat late: " + heartbeatAgeMs() + " ms";
        }
        return "not UP in the registry (draining?)";
    }

    /**
     * @return why the last assessment was HUNG.
     */
    public String hungReason()
    {
        return "hung: no heartbeat for " + heartbeatAgeMs() + " ms (timeout " + heartbeatTimeoutMs() + " ms)";
    }

    /**
     * @return why the last assessment was STUCK.
     */
    public String stuckReason(final long nowNs)
    {
        return "stuck: inbox backlog grew from " + backlogAtStall() + " to " + backlog + " with nothing handled for " +
            stalledForMs(nowNs) + " ms";
    }

    public long heartbeatAgeMs()
    {
        return TimeUnit.NANOSECONDS.toMillis(heartbeatAgeNs);
    }

    public long heartbeatTimeoutMs()
    {
        return TimeUnit.NANOSECONDS.toMillis(heartbeatTimeoutNs);
    }

    public long stalledForMs(final long nowNs)
    {
        return TimeUnit.NANOSECONDS.toMillis(progress.stalledForNs(nowNs));
    }

    public long backlogAtStall()
    {
        return progress.backlogAtStall();
    }

    public long backlog()
    {
        return backlog;
    }

    private boolean attached()
    {
        if (slot == null && registry != null)
        {
            slot = registry.attach(instanceId);
        }
        return slot != null;
    }
}
