package io.procmesh.launcher.process;

import java.util.concurrent.CompletableFuture;

/**
 * A child started by an earlier launcher that was killed, found running and taken over. It is not our child
 * process, so its exit code cannot be read, only that it is gone.
 */
public final class AdoptedChild extends GroupLeaderChild
{
    public AdoptedChild(final ProcessHandle handle)
    {
        super(handle, ProcStat.processGroup(handle.pid()) == handle.pid());
    }

    /**
     * A zombie has exited: only its parent (not us) can reap it, and ProcessHandle would call it alive until then,
     * which may be never.
     */
    @Override
    public boolean isAlive()
    {
        return handle().isAlive() && !ProcStat.isZombie(pid());
    }

    /**
     * For a process that is not our child the JDK polls, with a sleep that grows to 5 s, and never completes for a
     * zombie: only a wakeup hint. Whoever must know when it exited polls {@link #isAlive()}.
     */
    @Override
    public CompletableFuture<?> onExit()
    {
        return handle().onExit();
    }

    @Override
    public String exitDescription()
    {
        return "exited (adopted process: exit code unknown)";
    }
}
