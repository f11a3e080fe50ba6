package io.procmesh.launcher.health;

import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.PhiAccrual;
import io.procmesh.core.registry.Registry;
import io.procmesh.launcher.topology.HealthPolicy;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Health of one supervised instance, read from its registry slot without any lock: liveness of its process, heartbeat
 * age and inbox progress. DEGRADED once core's phi-accrual detector suspects it ({@code PhiAccrual}, as callers do) or
 * its heartbeat is half the timeout old; HUNG, a reason to kill, only at the fixed timeout. Called every health check
 * interval. Whether the instance takes calls is core's {@link io.procmesh.core.registry.Liveness} rule
 * ({@code procmesh.instanceStaleMs}); the policy's {@code heartbeatTimeoutMs} here is how long the supervisor waits
 * on a silent instance before killing it as hung.
 */
public final class InstanceHealth
{
    private final String instanceId;
    private final String serviceName;
    private Registry registry;
    private final long heartbeatTimeoutNs;
    private final long degradedAfterNs;
    private final ProgressTracker progress;
    private InstanceSlot slot;
    private long boundRemovals;
    private long missedGeneration = -1;
    private long heartbeatAgeNs;
    private long backlog;
    private boolean spawned;
    private long spawnedNs;
    private long namedPid;
    private String registeredAs;
    private long drainFromNs;
    private long drainHeartbeatNs;
    private boolean suspected;

    /**
     * @param serviceName the topology's name of the instance's service: a registration under another name is not
     *                    this service, however healthy (a main that hard-codes another serviceName).
     */
    public InstanceHealth(
        final String instanceId, final String serviceName, final Registry registry, final HealthPolicy policy)
    {
        this.instanceId = instanceId;
        this.serviceName = serviceName;
        this.registry = registry;
        this.heartbeatTimeoutNs = TimeUnit.MILLISECONDS.toNanos(policy.heartbeatTimeoutMs());
        this.degradedAfterNs = heartbeatTimeoutNs / 2;
        this.progress = new ProgressTracker(TimeUnit.MILLISECONDS.toNanos(policy.stuckAfterMs()));
    }

    /**
     * The status is read before the heartbeat, and a registration that is not yet UP is judged by the start
     * timeout (the supervisor's), never by the heartbeat timeout; and a heartbeat older than this incarnation's spawn
     * (see {@link #spawnedAt}) is not its own. Reading the heartbeat first held a starting instance to the heartbeat
     * timeout in two windows: the new pid seen beside the former incarnation's old heartbeat, and a first
     * heartbeat followed by a slow queue open before the next one.
     *
     * @param pid   the process that should own the slot; an entry with another pid is a former incarnation.
     * @param alive whether that process is running.
     */
    public Verdict assess(final long pid, final boolean alive, final long nowNs)
    {
        suspected = false;
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
        if (!registeredAsItsService(pid))
        {
            return Verdict.MISNAMED;
        }
        final long heartbeatNs = slot.heartbeatNs();
        if (spawned && heartbeatNs - spawnedNs < 0)
        {
            // Written before this process existed: the former incarnation's heartbeat (and status), seen beside
            // the new pid because registration's plain pid write may become visible before its status write.
            return Verdict.STARTING;
        }
        heartbeatAgeNs = nowNs - heartbeatNs;
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
                suspected = PhiAccrual.CONFIGURED.isSuspected(heartbeatNs, slot.heartbeatIntervals(), nowNs);
                return suspected || heartbeatAgeNs > degradedAfterNs ? Verdict.DEGRADED : Verdict.UP;
        }
    }

    /**
     * Reads the registration's service name once per process (a copy of the entry: off the per-check path), as it
     * is written once, at registration, before the status leaves STARTING.
     */
    private boolean registeredAsItsService(final long pid)
    {
        if (namedPid != pid)
        {
            registeredAs = slot.snapshot().service();
            namedPid = pid;
        }
        return serviceName.equals(registeredAs);
    }

    /**
     * @return why the last assessment, MISNAMED, HUNG or STUCK, is a reason to kill it.
     */
    public String killReason(final Verdict verdict, final long nowNs)
    {
        switch (verdict)
        {
            case MISNAMED:
                return misnamedReason();
            case HUNG:
                return hungReason();
            case STUCK:
                return stuckReason(nowNs);
            default:
                throw new IllegalArgumentException(verdict + " is no reason to kill an instance");
        }
    }

    /**
     * @return why the last assessment was MISNAMED.
     */
    public String misnamedReason()
    {
        return "registered as service '" + registeredAs + "', not '" + serviceName + "' (its main connects with " +
            "another serviceName; use procmesh.serviceName, which the launcher sets)";
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
     * Marks a serving incarnation DRAINING in the registry, for `procmesh scale`: callers pick only UP instances
     * (core's {@code Liveness}), so nothing new reaches it while it finishes what it holds; see {@link #isDrained}.
     */
    public void markDraining(final long pid, final long nowNs)
    {
        drainFromNs = nowNs;
        drainHeartbeatNs = 0;
        if (attached() && slot.pid() == pid && slot.status() == InstanceStatus.UP)
        {
            slot.status(InstanceStatus.DRAINING);
        }
    }

    /**
     * The instance measures its inbox backlog right after each heartbeat, so a backlog read once a second heartbeat
     * after the DRAINING mark was measured after the mark: 0 then means every request that reached it is taken. The
     * one it may still be handling finishes in its own graceful stop (SIGTERM: core's {@code ServiceHost.close}).
     *
     * @return true once the incarnation {@link #markDraining marked} holds nothing: its inbox is empty, or it never
     * took calls (not registered, still STARTING, or DOWN).
     */
    public boolean isDrained(final long pid, final long nowNs)
    {
        if (!attached() || slot.pid() != pid)
        {
            return true;
        }
        final InstanceStatus status = slot.status();
        if (status == InstanceStatus.UP)
        {
            // It came UP after the mark was tried (it was STARTING): mark it now, and wait from now.
            markDraining(pid, nowNs);
            return false;
        }
        if (status != InstanceStatus.DRAINING)
        {
            return true;
        }
        final long heartbeatNs = slot.heartbeatNs();
        if (heartbeatNs - drainFromNs <= 0)
        {
            return false;
        }
        if (drainHeartbeatNs == 0)
        {
            drainHeartbeatNs = heartbeatNs;
            return false;
        }
        return heartbeatNs != drainHeartbeatNs && slot.inboxBacklog() == 0;
    }

    /**
     * @return a copy of its registry entry while {@code pid} owns it, else null: for the soak of `procmesh rollout`,
     * which reads the counters of the one instance it watches once per health check.
     */
    public InstanceSnapshot entry(final long pid)
    {
        return attached() && slot.pid() == pid ? slot.snapshot() : null;
    }

    /**
     * Drops the slot and the registry before the registry is closed for recovery; until {@link #rebind}, the
     * instance reads as not registered and nothing is written.
     */
    public void detach()
    {
        registry = null;
        slot = null;
        missedGeneration = -1;
    }

    /**
     * Reads from a recovered registry from now on; the slot is bound again on the next assessment.
     */
    public void rebind(final Registry recovered)
    {
        registry = recovered;
        slot = null;
        missedGeneration = -1;
        reset();
    }

    /**
     * Ties heartbeats to a new incarnation: one older than its spawn is a former incarnation's, whatever the slot's
     * pid and status say. Both are the host's monotonic clock (System.nanoTime), shared by every process.
     *
     * @param spawnedNs when the launcher started this incarnation's process.
     */
    public void spawnedAt(final long spawnedNs)
    {
        reset();
        this.spawnedNs = spawnedNs;
        this.spawned = true;
    }

    /**
     * Forgets progress history, for a new incarnation; with no spawn time (an adopted process, started earlier by
     * another launcher), heartbeats are not checked against one.
     */
    public void reset()
    {
        spawned = false;
        namedPid = 0;
        registeredAs = null;
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
        if (suspected || heartbeatAgeNs > degradedAfterNs)
        {
            final long intervals = slot.heartbeatIntervals();
            return "heartbeat late: " + heartbeatAgeMs() + " ms (phi " + String.format(Locale.ROOT, "%.1f",
                PhiAccrual.CONFIGURED.phi(slot.heartbeatNs(), intervals, nowNs)) + ", suspected from " +
                PhiAccrual.CONFIGURED.suspectAfterMs(intervals) + " ms)";
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

    /**
     * Binds the slot, and binds it again when the registry removed any entry since: the launcher keeps the entries
     * of the instances it supervises, but a full registry's registration elsewhere may reclaim a crashed one, and
     * the freed memory may then hold another instance (whose status {@link #markDown} must never write).
     * <p>
     * An attach that found nothing is tried again only once some instance registered (the registry's generation
     * moved): an attach takes the entry's segment lock, and while an instance starts it is tried at every check, 10
     * ms apart. A launcher killed inside one of those locks wedged the registry for its successor (seen in CI, a
     * slow-starting child).
     */
    private boolean attached()
    {
        if (registry == null)
        {
            return false;
        }
        final long removals = registry.removals();
        if (slot == null || removals != boundRemovals)
        {
            // Read before the attach: a registration after it moves the generation, so the next check tries again.
            final long generation = registry.generation();
            if (slot == null && removals == boundRemovals && generation == missedGeneration)
            {
                return false;
            }
            boundRemovals = removals;
            slot = registry.attach(instanceId);
            missedGeneration = slot == null ? generation : -1;
        }
        return slot != null;
    }
}
