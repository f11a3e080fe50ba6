package io.procmesh.launcher.supervisor;

import java.util.concurrent.CompletableFuture;

/**
 * A service JVM the launcher supervises: one it started, or one it adopted from a previous launcher.
 */
public interface ChildProcess
{
    long pid();

    boolean isAlive();

    /**
     * SIGTERM: the service drains and stops on its own.
     */
    void terminate();

    /**
     * SIGKILL: for hung or stuck instances, and after the grace period.
     */
    void kill();

    /**
     * Completes when the process has exited; the supervisor uses it to wake up at once.
     */
    CompletableFuture<?> onExit();

    /**
     * @return how it ended, for the log, e.g. {@code exit code 137}; call once it has exited.
     */
    String exitDescription();
}
