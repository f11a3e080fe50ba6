package io.procmesh.benchmarks.launcher;

import io.procmesh.benchmarks.harness.ParentWatchdog;

/**
 * The gateway's bare Jetty baseline ({@link HelloWorldServer}) as a partner JVM, with the suite's watchdog armed.
 */
public final class HelloWorldPartnerMain
{
    private HelloWorldPartnerMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ParentWatchdog.arm();
        HelloWorldServer.main(args);
    }
}
