package io.procmesh.launcher.process;

import java.util.concurrent.CompletableFuture;

/**
 * A child this launcher started: its exit code is known.
 */
final class SpawnedChild extends GroupLeaderChild
{
    private static final int SIGNAL_EXIT_BASE = 128;

    private final Process process;

    /**
     * @param ownGroup true if started through setsid: it leads its own process group (setsid execs in place, for a
     *                 child of the JVM is never a group leader already), which holds what it forks.
     */
    SpawnedChild(final Process process, final boolean ownGroup)
    {
        super(process.toHandle(), ownGroup);
        this.process = process;
    }

    @Override
    public boolean isAlive()
    {
        return process.isAlive();
    }

    @Override
    public CompletableFuture<?> onExit()
    {
        return process.onExit();
    }

    /**
     * A shell-style code: above 128 is 128 plus the signal that ended it.
     */
    @Override
    public String exitDescription()
    {
        if (process.isAlive())
        {
            return "still running";
        }
        final int code = process.exitValue();
        return code > SIGNAL_EXIT_BASE ? "exit code " + code + ", signal " + (code - SIGNAL_EXIT_BASE) :
            "exit code " + code;
    }

    @Override
    public boolean exitedByItself()
    {
        return !process.isAlive() && process.exitValue() <= SIGNAL_EXIT_BASE;
    }
}
