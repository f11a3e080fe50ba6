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
        arm(false);
    }

    /**
     * As {@link #arm()}, but the JVM exits through its shutdown hooks instead of halting: for a partner that has
     * children of its own to stop first (the launcher stops every service it runs from its shutdown hook).
     */
    public static void armGracefully()
    {
        arm(true);
    }

    private static void arm(final boolean graceful)
    {
        final long parentPid = Long.getLong(PARENT_PID_PROP_NAME, -1);
        if (parentPid > 0)
        {
            final ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
            if (parent == null)
            {
                end("parent " + parentPid + " is already gone", ORPHANED_EXIT_CODE, graceful);
            }
            else
            {
                parent.onExit().thenRun(() -> end("parent " + parentPid + " exited", ORPHANED_EXIT_CODE, graceful));
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
                    end("lifetime of " + lifetimeMs + " ms is over", EXPIRED_EXIT_CODE, graceful);
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

    private static void end(final String reason, final int code, final boolean graceful)
    {
        System.out.println("[bench] " + (graceful ? "exiting" : "halting") + ": " + reason);
        System.out.flush();
        if (graceful)
        {
            // From its own thread: System.exit blocks until the shutdown hooks are done.
            final Thread exit = new Thread(() -> System.exit(code), "bench-watchdog-exit");
            exit.start();
        }
        else
        {
            Runtime.getRuntime().halt(code);
        }
    }
}
