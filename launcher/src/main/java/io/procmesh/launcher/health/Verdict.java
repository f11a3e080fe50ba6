package io.procmesh.launcher.health;

/**
 * What one health check concluded about one instance.
 */
public enum Verdict
{
    /**
     * The process is gone.
     */
    DEAD,

    /**
     * Alive, but this incarnation has not yet reported UP in the registry.
     */
    STARTING,

    /**
     * Registered under another service name than its topology's: never UP, whatever its health. Kill it.
     */
    MISNAMED,

    /**
     * UP, heartbeating, and handling its inbox.
     */
    UP,

    /**
     * Alive but not healthy yet: heartbeat late, backlog growing without progress, or draining.
     */
    DEGRADED,

    /**
     * No heartbeat for longer than the timeout: frozen (SIGSTOP, deadlock, endless GC). Kill it.
     */
    HUNG,

    /**
     * Heartbeating but its backlog keeps growing while nothing is handled. Kill it.
     */
    STUCK
}
