package io.procmesh.launcher.chaos;

import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.LauncherHarness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Changes the fleet through the real CLI while the nemesis injects faults: the stateless pricing service is scaled
 * from 1 to 3 instances, the partitioned user service (2 partitions, each with a hot standby) is rolled out to
 * {@link #ROLLOUT_VERSION}, and pricing is scaled back to 1, at fixed fractions of the load.
 * <p>
 * It also says how many instances of each service the run expects, which the nemesis' recovery check compares with
 * the launcher's state. While a change runs the nemesis leaves the launcher alone: a launcher killed mid-change
 * leaves the change unfinished by design (docs/operations.md, "rollout"), which is a separate case from the one
 * this run checks, that changes and faults on the instances mix without losing or repeating a write.
 */
final class FleetChanges implements Runnable
{
    static final String SCALED = "pricing";
    static final String ROLLED_OUT = "user";
    static final String ROLLOUT_VERSION = "1.1.0";
    static final int SCALED_UP_TO = 3;

    /**
     * @param exitCode the command's exit code: 0 done, 1 failed (for a rollout: rolled back), 2 refused.
     */
    record Change(String command, long startNs, long endNs, int exitCode, String output)
    {
        long millis()
        {
            return TimeUnit.NANOSECONDS.toMillis(endNs - startNs);
        }

        String lastLine()
        {
            final String trimmed = output.strip();
            return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
        }
    }

    private final LauncherHarness harness;
    private final Map<String, Integer> expectedCounts = new ConcurrentHashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private volatile boolean changing;
    private long loadStartNs;
    private long loadEndNs;

    FleetChanges(final LauncherHarness harness, final Map<String, Integer> initialCounts)
    {
        this.harness = harness;
        expectedCounts.putAll(initialCounts);
    }

    void during(final long loadStartNs, final long loadEndNs)
    {
        this.loadStartNs = loadStartNs;
        this.loadEndNs = loadEndNs;
    }

    /**
     * @return how many instances of each service the run expects now: a scale's count is in force from the moment
     * it is asked for, whether or not the command succeeds (docs/operations.md, "scale").
     */
    Map<String, Integer> expectedCounts()
    {
        return Map.copyOf(expectedCounts);
    }

    boolean changing()
    {
        return changing;
    }

    synchronized List<Change> changes()
    {
        return List.copyOf(changes);
    }

    @Override
    public void run()
    {
        if (!sleepUntil(atFraction(0.15)))
        {
            return;
        }
        expectedCounts.put(SCALED, SCALED_UP_TO);
        run("scale", SCALED, String.valueOf(SCALED_UP_TO));
        if (!sleepUntil(atFraction(0.35)))
        {
            return;
        }
        run("rollout", ROLLED_OUT, "--version", ROLLOUT_VERSION);
        if (!sleepUntil(atFraction(0.70)))
        {
            return;
        }
        expectedCounts.put(SCALED, 1);
        run("scale", SCALED, "1");
    }

    private void run(final String... args)
    {
        changing = true;
        try
        {
            final long startNs = System.nanoTime();
            final CliResult result = harness.cli(args);
            final Change change = new Change(String.join(" ", args), startNs, System.nanoTime(), result.exitCode(),
                result.output());
            synchronized (this)
            {
                changes.add(change);
            }
        }
        finally
        {
            changing = false;
        }
    }

    private long atFraction(final double fraction)
    {
        return loadStartNs + (long)((loadEndNs - loadStartNs) * fraction);
    }

    private static boolean sleepUntil(final long deadlineNs)
    {
        try
        {
            final long waitNs = deadlineNs - System.nanoTime();
            if (waitNs > 0)
            {
                TimeUnit.NANOSECONDS.sleep(waitNs);
            }
            return true;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
