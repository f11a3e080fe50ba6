package io.procmesh.launcher.process;

/**
 * What a child this launcher started and one it adopted share: SIGTERM and SIGKILL go to the process group it
 * leads ({@link ProcessSignals}), and once it has exited, what is left of that group is killed. They differ only in
 * what can be known of the exit: a started child is ours and has an exit code, an adopted one does not.
 */
abstract class GroupLeaderChild implements ChildProcess
{
    private final ProcessHandle handle;
    private boolean ledGroup;

    /**
     * @param ledGroup whether it is known to lead its own process group already; a signal that reaches its group
     *                 shows it does.
     */
    GroupLeaderChild(final ProcessHandle handle, final boolean ledGroup)
    {
        this.handle = handle;
        this.ledGroup = ledGroup;
    }

    @Override
    public final long pid()
    {
        return handle.pid();
    }

    @Override
    public final void terminate()
    {
        ledGroup |= ProcessSignals.terminate(handle);
    }

    @Override
    public final void kill()
    {
        ledGroup |= ProcessSignals.kill(handle);
    }

    @Override
    public final void killLeftovers()
    {
        if (ledGroup)
        {
            ProcessSignals.killGroupRemains(pid());
        }
    }

    final ProcessHandle handle()
    {
        return handle;
    }
}
