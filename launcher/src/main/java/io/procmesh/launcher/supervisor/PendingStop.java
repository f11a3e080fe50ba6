package io.procmesh.launcher.supervisor;

/**
 * A stop in progress of one instance's process: when to escalate (or, once SIGKILL is sent, since when it was),
 * and what comes after the exit. Only the supervisor thread uses it.
 */
final class PendingStop
{
    private long deadlineNs;
    private boolean killSent;
    private boolean restartAtOnce;
    private String reason;

    /**
     * SIGTERM sent: SIGKILL at {@code deadlineNs}, then a restart at once (an operator's restart).
     */
    void graceful(final long deadlineNs)
    {
        this.deadlineNs = deadlineNs;
        this.killSent = false;
        this.restartAtOnce = true;
        this.reason = "restart requested";
    }

    /**
     * SIGKILL sent at {@code nowNs} because of {@code reason}: a failure, restarted after its backoff.
     */
    void killed(final long nowNs, final String reason)
    {
        this.deadlineNs = nowNs;
        this.killSent = true;
        this.restartAtOnce = false;
        this.reason = reason;
    }

    void escalated(final long nowNs)
    {
        deadlineNs = nowNs;
        killSent = true;
    }

    void restartAtOnce()
    {
        restartAtOnce = true;
    }

    long deadlineNs()
    {
        return deadlineNs;
    }

    boolean killSent()
    {
        return killSent;
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
