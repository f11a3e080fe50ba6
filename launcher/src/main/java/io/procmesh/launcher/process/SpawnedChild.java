package io.procmesh.launcher.process;

import java.util.concurrent.CompletableFuture;

/**
 * A child this launcher started: its exit code is known.
 */
final class SpawnedChild implements ChildProcess
{
    private final Process process;
    private boolean ledGroup;

    /**
     * @param ownGroup true if started through setsid: it leads its own process group (setsid execs in place, for a
     *                 child of the JVM is never a group leader already), which holds what it forks.
     */
    SpawnedChild(final Process process, final boolean ownGroup)
    {
        this.process = process;
        this.ledGroup = ownGroup;
    }

    @Override
    public long pid()
    {
        return process.pid();
    }

    @Override
    public boolean isAlive()
    {
        return process.isAlive();
    }

    @Override
    public void terminate()
    {
        ledGroup |= ProcessSignals.terminate(process.toHandle());
    }

    @Override
    public void kill()
    {
        ledGroup |= ProcessSignals.kill(process.toHandle());
    }

    @Override
    public void killLeftovers()
    {
        if (ledGroup)
        {
            ProcessSignals.killGroupRemains(pid());
        }
    }

    @Override
    public CompletableFuture<?> onExit()
    {
        return process.onExit();
    }

    @Override
    public String exitDescription()
    {
        if (process.isAlive())
        {
            return "still running";
        }
        final int code = process.exitValue();
        return code > 128 ? "exit code " + code + ", signal " + (code - 128) : "exit code " + code;
    }

    @Override
    public boolean exitedByItself()
    {
        return !process.isAlive() && process.exitValue() <= 128;
    }
}
