package io.procmesh.launcher.supervisor;

import java.util.concurrent.CompletableFuture;

/**
 * A child started by an earlier launcher that was killed, found running and taken over. It is not our child
 * process, so its exit code cannot be read, only that it is gone.
 */
public final class AdoptedChild implements ChildProcess
{
    private final ProcessHandle handle;

    public AdoptedChild(final ProcessHandle handle)
    {
        this.handle = handle;
    }

    @Override
    public long pid()
    {
        return handle.pid();
    }

    @Override
    public boolean isAlive()
    {
        return handle.isAlive();
    }

    @Override
    public void terminate()
    {
        handle.destroy();
    }

    @Override
    public void kill()
    {
        handle.destroyForcibly();
    }

    @Override
    public CompletableFuture<?> onExit()
    {
        return handle.onExit();
    }

    @Override
    public String exitDescription()
    {
        return "exited (adopted process: exit code unknown)";
    }
}
