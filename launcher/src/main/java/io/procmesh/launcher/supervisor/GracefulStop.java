package io.procmesh.launcher.supervisor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops groups of processes one group after the other (dependents before what they depend on): SIGTERM to
 * the whole group, SIGKILL to whatever is left after the grace period. {@link #kill} skips the grace.
 */
public final class GracefulStop
{
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
    private static final long AFTER_KILL_WAIT_MS = 5_000;

    public record Target(String instanceId, ChildProcess process)
    {
    }

    private GracefulStop()
    {
    }

    /**
     * @return the instance ids that survived even SIGKILL; empty when everything stopped.
     */
    public static List<String> stop(final List<List<Target>> groups, final long graceMs)
    {
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
            if (!awaitExit(alive, graceMs))
            {
                for (final Target target : alive(alive))
                {
                    LOG.warn("{} pid {} still running after {} ms: SIGKILL", target.instanceId(),
                        target.process().pid(), graceMs);
                    target.process().kill();
                }
                awaitExit(alive, AFTER_KILL_WAIT_MS);
            }
            for (final Target target : alive)
            {
                if (target.process().isAlive())
                {
                    LOG.error("{} pid {} did not exit even after SIGKILL", target.instanceId(),
                        target.process().pid());
                    survivors.add(target.instanceId());
                }
                else
                {
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
        awaitExit(targets, AFTER_KILL_WAIT_MS);
        final List<String> survivors = new ArrayList<>();
        for (final Target target : alive(targets))
        {
            LOG.error("{} pid {} did not exit even after SIGKILL", target.instanceId(), target.process().pid());
            survivors.add(target.instanceId());
        }
        return survivors;
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
     * @return true if every target exited within the time.
     */
    private static boolean awaitExit(final List<Target> targets, final long timeoutMs)
    {
        final CompletableFuture<?>[] exits = new CompletableFuture<?>[targets.size()];
        for (int i = 0; i < exits.length; i++)
        {
            exits[i] = targets.get(i).process().onExit();
        }
        try
        {
            CompletableFuture.allOf(exits).get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        }
        catch (final TimeoutException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (final ExecutionException ex)
        {
            LOG.warn("waiting for exits failed: {}", ex.getCause().toString());
            return alive(targets).isEmpty();
        }
    }
}
