package io.procmesh.launcher.state;

/**
 * What the launcher says about one instance.
 */
public enum InstanceState
{
    /**
     * Started, not yet UP in the registry.
     */
    STARTING,

    /**
     * Reported UP, heartbeating, handling its inbox.
     */
    UP,

    /**
     * Running but late heartbeats, a backlog growing without progress, or draining; not killed yet.
     */
    DEGRADED,

    /**
     * Not running: not started yet (waiting for a dependency), waiting out its restart delay, or stopped.
     */
    DOWN,

    /**
     * Its service exceeded the restart intensity limit: not restarted any more until `procmesh restart`.
     */
    FAILED
}
