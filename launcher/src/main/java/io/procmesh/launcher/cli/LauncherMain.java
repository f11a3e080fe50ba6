package io.procmesh.launcher.cli;

import io.procmesh.launcher.ExitCodes;


/**
 * The launcher's entry point: {@code java -jar procmesh-launcher.jar up|down|status|restart ...}.
 */
public final class LauncherMain
{
    public static final String LOGBACK_CONFIGURATION = "io/procmesh/launcher/launcher-logback.xml";

    private LauncherMain()
    {
    }

    public static void main(final String[] args)
    {
        // Before anything touches Chronicle (it would otherwise try to post usage data) or SLF4J.
        System.setProperty("chronicle.analytics.disable", "true");
        if (System.getProperty("logback.configurationFile") == null)
        {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
        }
        final int exitCode = ProcmeshCommand.commandLine(args).execute(args);
        if (exitCode != ExitCodes.STOPPED_BY_SIGNAL)
        {
            System.exit(exitCode);
        }
        // Stopped by a signal: the JVM is already exiting through the shutdown hook; System.exit would block.
    }
}
