package io.procmesh.core.agent;

/**
 * What a duty-cycle thread does when a cycle found no work.
 */
public interface IdleStrategy
{
    /**
     * @param workCount what the last duty cycle did; zero means idle, anything else resets the back-off.
     */
    void idle(int workCount);

    /**
     * Forget any back-off state, e.g. after a wake-up.
     */
    void reset();

    String name();
}
