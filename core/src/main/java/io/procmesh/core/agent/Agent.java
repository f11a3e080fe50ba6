package io.procmesh.core.agent;

/**
 * A unit of work driven by one thread in a duty cycle.
 */
public interface Agent
{
    /**
     * Called once on the agent's thread before the first {@link #doWork}, e.g. to take resources that belong to
     * that thread. If it throws, the error is counted and handled, the agent never runs, and {@link #onClose} follows.
     */
    default void onStart()
    {
    }

    /**
     * @return how much work was done; zero lets the idle strategy back off.
     */
    int doWork() throws Exception;

    String roleName();

    /**
     * Called once on the agent's thread after its last cycle, also when {@link #onStart} failed.
     */
    default void onClose()
    {
    }
}
