package io.procmesh.core.agent;

/**
 * A unit of work driven by one thread in a duty cycle.
 */
public interface Agent
{
    /**
     * @return how much work was done; zero lets the idle strategy back off.
     */
    int doWork() throws Exception;

    String roleName();

    default void onClose()
    {
    }
}
