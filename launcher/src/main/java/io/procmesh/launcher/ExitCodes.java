package io.procmesh.launcher;

/**
 * What the launcher's exit status means.
 */
public final class ExitCodes
{
    public static final int OK = 0;

    /**
     * Something went wrong at run time: unwritable data dir, launcher already running, a restart that failed.
     */
    public static final int FAILURE = 1;

    /**
     * The request itself is wrong: bad arguments, a bad topology, an unknown service. Nothing was started.
     */
    public static final int USAGE = 2;

    /**
     * `up` ended by SIGTERM or SIGINT after stopping every instance; the JVM exits through its shutdown hook.
     */
    public static final int STOPPED_BY_SIGNAL = 128 + 15;

    private ExitCodes()
    {
    }
}
