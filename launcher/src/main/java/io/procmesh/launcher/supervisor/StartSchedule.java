package io.procmesh.launcher.supervisor;

import java.util.concurrent.TimeUnit;

/**
 * When a waiting {@link SupervisedInstance} may start: not before a time (its restart backoff), and the dependency
 * it last said it waits for, so that it reports a new blocker once rather than on every cycle. Only the supervisor
 * thread uses it.
 */
final class StartSchedule
{
    private final Backoff backoff;
    private long notBeforeNs;
    private SupervisedService waitingFor;
    private boolean waitingForFailed;

    StartSchedule(final Backoff backoff)
    {
        this.backoff = backoff;
    }

    /**
     * Start at once with a fresh backoff: an operator's restart or a recovered registry, not a failure.
     */
    void atOnce(final long nowNs)
    {
        notBeforeNs = nowNs;
        waitingFor = null;
        backoff.reset();
    }

    /**
     * @return the delay before the start after a failure, which doubles each time until the instance is stable.
     */
    long afterFailure(final long nowNs)
    {
        final long delayMs = backoff.nextDelayMs();
        notBeforeNs = nowNs + TimeUnit.MILLISECONDS.toNanos(delayMs);
        waitingFor = null;
        return delayMs;
    }

    /**
     * No start until {@link #atOnce}: the registry is being recovered.
     */
    void hold()
    {
        notBeforeNs = Long.MAX_VALUE;
    }

    /**
     * The instance stayed UP for the stable period: the next failure waits the initial delay again.
     */
    void stable()
    {
        backoff.reset();
    }

    boolean isDue(final long nowNs)
    {
        return nowNs - notBeforeNs >= 0;
    }

    long notBeforeNs()
    {
        return notBeforeNs;
    }

    /**
     * @param blocker the first dependency not UP, or null when all are.
     * @return true if the instance should report it: another blocker than last time, or it FAILED since.
     */
    boolean blockedBy(final SupervisedService blocker)
    {
        if (blocker == null)
        {
            waitingFor = null;
            return false;
        }
        if (blocker == waitingFor && blocker.isBlocked() == waitingForFailed)
        {
            return false;
        }
        waitingFor = blocker;
        waitingForFailed = blocker.isBlocked();
        return true;
    }
}
