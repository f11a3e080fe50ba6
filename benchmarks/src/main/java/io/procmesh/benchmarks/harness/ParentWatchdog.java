package io.procmesh.benchmarks.harness;

import java.util.concurrent.TimeUnit;

/**
 * Armed first thing in every partner JVM's main: the JVM halts when the suite that started it is gone, or when
 * its lifetime is over, so no partner outlives a suite that was itself killed.
 */
public final class ParentWatchdog
{
    public static final String PARENT_PID_PROP_NAME = "procmesh.bench.parentPid";
    public static final String LIFETIME_MS_PROP_NAME = "procmesh.bench.lifetimeMs";
    public static final int ORPHANED_EXIT_CODE = 125;
    public static final int EXPIRED_EXIT_CODE = 124;

    private ParentWatchdog()
    {
    }

    public static void arm()
    {
        final long parentPid = Long.getLong(PARENT_PID_PROP_NAME, -1);
        if (parentPid > 0)
        {
            final ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
            if (parent == null)
            {
                halt("parent " + parentPid + " is already gone", ORPHANED_EXIT_CODE);
            }
            else
            {
                parent.onExit().thenRun(() -> halt("parent " + parentPid + " exited", ORPHANED_EXIT_CODE));
            }
        }
        final long lifetimeMs = Long.getLong(LIFETIME_MS_PROP_NAME, 0);
        if (lifetimeMs > 0)
        {
            final Thread timer = new Thread(() ->
            {
                try
                {
                    TimeUnit.MILLISECONDS.sleep(lifetimeMs);
                    halt("lifetime of " + lifetimeMs + " ms is over", EXPIRED_EXIT_CODE);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }, "bench-lifetime");
            timer.setDaemon(true);
            timer.start();
        }
    }

    private static void halt(final String reason, final int code)
    {
        System.out.println("[bench] halting: " + reason);
        System.out.flush();
        Runtime.getRuntime().halt(code);
    }
}
