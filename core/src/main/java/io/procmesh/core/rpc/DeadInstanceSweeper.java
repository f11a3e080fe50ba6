package io.procmesh.core.rpc;

import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Liveness;

import java.util.function.Consumer;

/**
 * Finds instances that died with this caller's calls in flight and ends those calls at once, instead of at their
 * deadlines. Run on the reply reader's thread every {@value #CHECK_INTERVAL_NS} ns for instances this caller has
 * calls in flight to (a counter each), and every {@value #IDLE_CHECK_INTERVAL_NS} ns for the others, so a killed
 * instance stops being picked within that although its heartbeat is still fresh. A check reads the slot and asks
 * whether the pid is alive (one system call; the only allocation, and not per message).
 * <p>
 * An instance is dead when its pid is gone (kill -9: found within milliseconds), its heartbeat is older than
 * {@code procmesh.instanceStaleMs} (hung, or another host boot), or it says DOWN. DRAINING is not dead: a draining
 * instance still answers what it took. Before failing anything the reply queue is read to its end, so a reply the
 * instance wrote just before it died still completes its call. Then each of its calls is taken from the table:
 * an {@link Idempotent} one not yet retried is sent once more to the instance the policy picks now (the dead one
 * is not live any more), within its original deadline; any other fails with {@link ServiceUnavailableException}
 * saying the request may or may not have run. A non-idempotent request is never sent twice.
 * <p>
 * Only while another instance of the service is live: with none, there is nowhere to fail over to, and the calls
 * wait as before, up to their deadlines, for the instance's restart (the supervisor's) to handle what is in its
 * inbox and answer them. Nor while a hot standby is alive beside the dead instance (its slot's {@code standbyPid}):
 * the standby takes over the instance id and its inbox within milliseconds and answers the calls waiting there;
 * a request the dead one had taken but not answered stays unanswered (at-most-once) and ends at its deadline.
 */
final class DeadInstanceSweeper
{
    static final long CHECK_INTERVAL_NS = 5_000_000L;
    static final long IDLE_CHECK_INTERVAL_NS = 50_000_000L;
    private static final int DRAIN_LIMIT = 1 << 16;

    private final ServiceDirectory directory;
    private final PendingCalls pending;
    private final ReplyReader reader;
    private final RequestSender sender;
    private final InstanceSlot callerSlot;
    private final long staleNs;
    private final Consumer<PendingCall> onOrphaned = this::onOrphaned;
    private long nextCheckNs;
    private long nextIdleCheckNs;
    private String deathReason;

    DeadInstanceSweeper(
        final ServiceDirectory directory,
        final PendingCalls pending,
        final ReplyReader reader,
        final RequestSender sender,
        final InstanceSlot callerSlot,
        final long staleNs)
    {
        this.directory = directory;
        this.pending = pending;
        this.reader = reader;
        this.sender = sender;
        this.callerSlot = callerSlot;
        this.staleNs = staleNs;
    }

    /**
     * @return how many calls were failed or retried.
     */
    int doWork(final long nowNs)
    {
        if (nowNs - nextCheckNs < 0)
        {
            return 0;
        }
        nextCheckNs = nowNs + CHECK_INTERVAL_NS;
        final boolean idleToo = nowNs - nextIdleCheckNs >= 0;
        if (idleToo)
        {
            nextIdleCheckNs = nowNs + IDLE_CHECK_INTERVAL_NS;
        }
        int work = 0;
        for (final RemoteInstance instance : directory.instances())
        {
            if (instance.callsInFlight() > 0)
            {
                final String reason = deathOf(instance, nowNs);
                // A live standby takes the instance id over and answers its inbox: its calls are not orphaned.
                if (reason != null && directory.hasLiveBesides(instance, nowNs) && !instance.slot().hasLiveStandby())
                {
                    work += sweep(instance, reason);
                }
            }
            else if (idleToo && !instance.isMarkedDead())
            {
                // Nothing to fail: only marks a killed instance so that no new call goes to it.
                deathOf(instance, nowNs);
            }
        }
        return work;
    }

    /**
     * @return why the instance counts as dead, or null if it is alive.
     */
    private String deathOf(final RemoteInstance instance, final long nowNs)
    {
        final InstanceSlot slot = instance.slot();
        final long pid = slot.pid();
        if (pid > 0 && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        {
            // Until its heartbeat goes stale the slot still looks live: keep new calls away now.
            instance.markDead(pid);
            return "its process (pid " + pid + ") is gone";
        }
        if (slot.status() == InstanceStatus.DOWN)
        {
            return "it is DOWN";
        }
        if (!Liveness.isFresh(slot.heartbeatNs(), nowNs, staleNs))
        {
            return "its heartbeat is older than procmesh.instanceStaleMs";
        }
        return null;
    }

    private int sweep(final RemoteInstance instance, final String reason)
    {
        reader.drain(DRAIN_LIMIT);
        deathReason = "instance '" + instance.instanceId() + "' died (" + reason + ")";
        return pending.removeSentTo(instance, onOrphaned);
    }

    private void onOrphaned(final PendingCall call)
    {
        final long nowNs = System.nanoTime();
        final boolean timeLeft = nowNs - call.deadlineNs < 0;
        // The budget is asked last, so that only a retry that would go counts against it.
        if (call.retryPayload != null && timeLeft && (call.breaker == null || call.breaker.tryRetry(nowNs)))
        {
            sender.retry(call);
            return;
        }
        callerSlot.incrementErrors();
        call.fail(new ServiceUnavailableException(deathReason + " with " + call.service + "." +
            call.operation + " in flight: the request may or may not have run, and was not sent again (" +
            (call.retried ? "it was already a retry" : call.retryPayload == null ?
                "the operation is not @Idempotent" : !timeLeft ? "no time was left before its deadline" :
                "the retry budget of " + call.breaker.name() + " is spent") + ")"));
    }
}
