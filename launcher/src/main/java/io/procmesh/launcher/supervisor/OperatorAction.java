package io.procmesh.launcher.supervisor;

/**
 * An operator's request that the supervisor carries out over several health checks, answered once it ends:
 * `procmesh restart` ({@link RollingRestart}) or `procmesh scale` ({@link Scaling}). Only the supervisor thread
 * uses it.
 */
abstract class OperatorAction
{
    abstract String requestId();

    /**
     * @return what it is, for the log: e.g. {@code restart of user}.
     */
    abstract String what();

    /**
     * @return the service it acts on: an action waits for an earlier one on a related service
     * ({@link SupervisedService#isRelatedTo}).
     */
    abstract SupervisedService service();

    /**
     * Advances the action; called once per health check, after the instances' own checks.
     *
     * @return true when finished, successfully or not; see {@link #ok()} and {@link #summary()}.
     */
    abstract boolean step(long nowNs);

    /** What the action did, or why it failed: the operator's command prints it. */
    final StringBuilder summary = new StringBuilder();
    /** Whether it ended well; meaningful once {@link #step} returned true. */
    boolean ok;

    final boolean ok()
    {
        return ok;
    }

    final String summary()
    {
        return summary.toString();
    }
}
