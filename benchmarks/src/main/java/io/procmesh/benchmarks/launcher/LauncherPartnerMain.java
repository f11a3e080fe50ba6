package io.procmesh.benchmarks.launcher;

import io.procmesh.benchmarks.harness.ParentWatchdog;
import io.procmesh.launcher.cli.LauncherMain;

/**
 * The launcher as a partner JVM: {@code procmesh up ...} with the suite's watchdog armed. If the suite is gone or
 * the lifetime is over, the JVM exits through its shutdown hook, where the launcher stops every service it runs,
 * as it does on SIGTERM; halting would leave the services behind.
 */
public final class LauncherPartnerMain
{
    private LauncherPartnerMain()
    {
    }

    public static void main(final String[] args)
    {
        ParentWatchdog.armGracefully();
        LauncherMain.main(args);
    }
}
