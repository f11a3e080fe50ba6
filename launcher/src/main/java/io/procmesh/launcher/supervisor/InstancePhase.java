package io.procmesh.launcher.supervisor;

import io.procmesh.core.registry.InstanceState;

/**
 * Where a {@link SupervisedInstance} is in its life: the one state it keeps. Each phase says which
 * {@link InstanceState} the launcher reports for it, so the reported state can never disagree with the phase.
 */
enum InstancePhase
{
    /** Not running: waiting for a dependency, or out its restart delay. */
    WAITING(InstanceState.DOWN),
    /** Spawned (or adopted), not yet UP in the registry. */
    STARTING(InstanceState.STARTING),
    /** UP in the registry and healthy. */
    UP(InstanceState.UP),
    /** Running but late heartbeats, a backlog without progress, or draining; not killed yet. */
    DEGRADED(InstanceState.DEGRADED),
    /** Removed by `procmesh scale`: callers no longer pick it; it finishes what it holds, then is stopped. */
    DRAINING(InstanceState.DRAINING),
    /** SIGTERM or SIGKILL sent, waiting for the process to exit. */
    STOPPING(InstanceState.DOWN),
    /** Removed by `procmesh scale` and stopped: never started again; the supervisor lets go of it. */
    RETIRED(InstanceState.DOWN),
    /** Its service exceeded the restart intensity limit: not restarted until `procmesh restart`. */
    FAILED(InstanceState.FAILED);

    private final InstanceState reported;

    InstancePhase(final InstanceState reported)
    {
        this.reported = reported;
    }

    InstanceState reported()
    {
        return reported;
    }

    /**
     * @return true while a process runs that the health check judges: starting, up or degraded.
     */
    boolean isRunning()
    {
        return this == STARTING || this == UP || this == DEGRADED;
    }
}
