package io.procmesh.launcher.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops groups of processes one group after the other (dependents before what they depend on): SIGTERM to
 * the whole group, SIGKILL to whatever is left once the grace period is over. {@link #kill} skips the grace.
 * <p>
 * The whole stop has one deadline, not one per group: every group shares the grace period (a group that used it
 * up leaves the next ones none: SIGTERM, then SIGKILL at once), and everything still running after it has
 * {@link #AFTER_KILL_WAIT_MS} more to be gone. So a stop takes at most {@link #maxStopMs} (plus a poll), however
 * many groups there are. Exits are seen by polling liveness every {@link #POLL_MS}: onExit() of a process that is
 * not our child (an adopted one) is seen up to 5 s late by the JDK's own polling, and never for a zombie.
 */
public final class GracefulStop
{
    public static final long AFTER_KILL_WAIT_MS = 5_000;
    static final long POLL_MS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    public record Target(String instanceId, ChildProcess process)
    {
    }

    private GracefulStop()
    {
    }

    /**
     * @return the longest a {@link #stop} with this grace period takes.
     */
    public static long maxStopMs(final long graceMs)
    {
        return graceMs + AFTER_KILL_WAIT_MS + POLL_MS;
    }

    /**
     * @return the instance ids that survived even SIGKILL; empty when everything stopped.
     */
    public static List<String> stop(final List<List<Target>> groups, final long graceMs)
    {
        final long startNs = System.nanoTime();
        final long termDeadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(graceMs);
        final long killDeadlineNs = termDeadlineNs + TimeUnit.MILLISECONDS.toNanos(AFTER_KILL_WAIT_MS);
        final List<String> survivors = new ArrayList<>();
        for (final List<Target> group : groups)
        {
            final List<Target> alive = alive(group);
            if (alive.isEmpty())
            {
                continue;
            }
            for (final Target target : alive)
            {
                LOG.info("stopping {}: SIGTERM to pid {}", target.instanceId(), target.process().pid());
                target.process().terminate();
            }
            final List<Target> left = awaitExit(alive, termDeadlineNs);
            if (!left.isEmpty())
            {
                for (final Target target : left)
                {
                    LOG.warn("{} pid {} still running {} ms into the stop (grace {} ms): SIGKILL",
                        target.instanceId(), target.process().pid(), elapsedMs(startNs), graceMs);
                    target.process().kill();
                }
                awaitExit(left, killDeadlineNs);
            }
            for (final Target target : alive)
            {
                if (target.process().isAlive())
                {
                    alertSurvivor(target);
                    survivors.add(target.instanceId());
                }
                else
                {
                    target.process().killLeftovers();
                    LOG.info("stopped {} (pid {})", target.instanceId(), target.process().pid());
                }
            }
        }
        return survivors;
    }

    /**
     * SIGKILL to every target at once, for when a graceful stop would only stall (e.g. on a wedged registry lock).
     *
     * @return the instance ids that survived SIGKILL.
     */
    public static List<String> kill(final List<Target> targets)
    {
        for (final Target target : targets)
        {
            LOG.warn("{}: SIGKILL to pid {}", target.instanceId(), target.process().pid());
            target.process().kill();
        }
        final List<Target> left =
            awaitExit(targets, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AFTER_KILL_WAIT_MS));
        final List<String> survivors = new ArrayList<>();
        for (final Target target : targets)
        {
            if (left.contains(target))
            {
                alertSurvivor(target);
                survivors.add(target.instanceId());
            }
            else
            {
                target.process().killLeftovers();
            }
        }
        return survivors;
    }

    private static void alertSurvivor(final Target target)
    {
        survivedKill(target.instanceId(), target.process().pid());
    }

    /**
     * Logs the ALERT for a process that outlived SIGKILL and the wait after it.
     *
     * @return the error to count.
     */
    public static IllegalStateException survivedKill(final String instanceId, final long pid)
    {
        final String alert = instanceId + " pid " + pid + " did not exit within " + AFTER_KILL_WAIT_MS +
            " ms of SIGKILL (process state " + ProcStat.state(pid) + "): no longer waiting for it";
        LOG.error("ALERT {}", alert);
        return new IllegalStateException(alert);
    }

    private static List<Target> alive(final List<Target> targets)
    {
        final List<Target> alive = new ArrayList<>();
        for (final Target target : targets)
        {
            if (target.process().isAlive())
            {
                alive.add(target);
            }
        }
        return alive;
    }

    /**
     * @return the targets still alive at the deadline; empty as soon as all have exited.
     */
    private static List<Target> awaitExit(final List<Target> targets, final long deadlineNs)
    {
        boolean interrupted = false;
        List<Target> left = alive(targets);
        while (!left.isEmpty())
        {
            final long remainingNs = deadlineNs - System.nanoTime();
            if (remainingNs <= 0)
            {
                break;
            }
            try
            {
                Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(remainingNs), POLL_MS)));
            }
            catch (final InterruptedException ex)
            {
                // Waited out anyway: a stop that gave up early would leave children running.
                interrupted = true;
            }
            left = alive(left);
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
        return left;
    }

    private static long elapsedMs(final long startNs)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    }
}
