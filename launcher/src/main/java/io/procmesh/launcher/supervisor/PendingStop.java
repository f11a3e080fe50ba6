package io.procmesh.launcher.supervisor;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.launcher.process.ChildProcess;
import io.procmesh.launcher.process.GracefulStop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * A stop in progress of one instance's process: the signal sent, when to escalate (or, once SIGKILL is sent, since
 * when it was), and what comes after the exit. Only the supervisor thread uses it.
 */
final class PendingStop
{
    private static final Logger LOG = LoggerFactory.getLogger(PendingStop.class);
    private static final long AFTER_KILL_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(GracefulStop.AFTER_KILL_WAIT_MS);

    private final String instanceId;
    private final InstanceProcess process;
    private final ErrorHandler errorHandler;
    private long deadlineNs;
    private boolean killSent;
    private boolean restartAtOnce;
    private String reason;

    PendingStop(final String instanceId, final InstanceProcess process, final ErrorHandler errorHandler)
    {
        this.instanceId = instanceId;
        this.process = process;
        this.errorHandler = errorHandler;
    }

    /**
     * Sends SIGTERM: SIGKILL at {@code deadlineNs}, then a restart at once (an operator's restart).
     */
    void terminate(final long deadlineNs)
    {
        LOG.info("{} restart requested: SIGTERM to pid {}", instanceId, process.pid());
        process.child().terminate();
        this.deadlineNs = deadlineNs;
        this.killSent = false;
        this.restartAtOnce = true;
        this.reason = "restart requested";
    }

    /**
     * Sends SIGTERM for good (a scale-down): SIGKILL at {@code deadlineNs}, and no start after it.
     */
    void terminateForGood(final long deadlineNs, final String reason)
    {
        LOG.info("{} {}: SIGTERM to pid {}", instanceId, reason, process.pid());
        process.child().terminate();
        this.deadlineNs = deadlineNs;
        this.killSent = false;
        this.restartAtOnce = false;
        this.reason = reason;
    }

    /**
     * Sends SIGKILL at {@code nowNs} because of {@code reason}: a failure, restarted after its backoff.
     */
    void kill(final long nowNs, final String reason)
    {
        LOG.warn("{} {}: SIGKILL to pid {}", instanceId, reason, process.pid());
        process.child().kill();
        this.deadlineNs = nowNs;
        this.killSent = true;
        this.restartAtOnce = false;
        this.reason = reason;
    }

    /**
     * An operator's restart while a stop is already in progress: start again at once after it.
     */
    void restartAtOnce()
    {
        restartAtOnce = true;
    }

    /**
     * Escalates to SIGKILL past the grace period, and lets go of the process once it exited.
     *
     * @return true once the process is gone: exited, or still there {@link GracefulStop#AFTER_KILL_WAIT_MS} after
     * SIGKILL, which is reported (past SIGKILL it runs no code of its own: a zombie, or stuck in the kernel, and
     * waiting on would stall the instance for good, silently).
     */
    boolean isOver(final long nowNs)
    {
        final ChildProcess child = process.child();
        if (child.isAlive())
        {
            if (!killSent && nowNs - deadlineNs >= 0)
            {
                LOG.warn("{} pid {} did not stop within the grace period: SIGKILL", instanceId, process.pid());
                child.kill();
                deadlineNs = nowNs;
                killSent = true;
            }
            if (!killSent || nowNs - deadlineNs < AFTER_KILL_WAIT_NS)
            {
                return false;
            }
            errorHandler.onError(GracefulStop.survivedKill(instanceId, process.pid()));
        }
        child.killLeftovers();
        process.exited(nowNs);
        return true;
    }

    boolean isRestartAtOnce()
    {
        return restartAtOnce;
    }

    String reason()
    {
        return reason;
    }
}
