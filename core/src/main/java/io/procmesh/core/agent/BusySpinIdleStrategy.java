package io.procmesh.core.agent;

/**
 * Never gives the core back: lowest latency, one full core per thread. Opt-in only.
 */
public final class BusySpinIdleStrategy implements IdleStrategy
{
    public static final String NAME = "busy-spin";

    @Override
    public void idle(final int workCount)
    {
        if (workCount == 0)
        {
            Thread.onSpinWait();
        }
    }

    @Override
    public void reset()
    {
    }

    @Override
    public String name()
    {
        return NAME;
    }
}
