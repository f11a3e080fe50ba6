package io.procmesh.launcher.process;

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
     * Once it has exited, by itself or after {@link #terminate()} or {@link #kill()}: SIGKILL to what is left of the
     * process group it led (what it forked and that outlived it, or ignored SIGTERM).
     */
    default void killLeftovers()
    {
    }

    /**
     * Completes when the process has exited; the supervisor uses it to wake up at once.
     */
    CompletableFuture<?> onExit();

    /**
     * @return how it ended, for the log, e.g. {@code exit code 137}; call once it has exited.
     */
    String exitDescription();

    /**
     * @return true if it ended by exiting (a code of 128 or less), not by a signal: its last log line then usually
     * says why (a port in use, a bad setting), so the launcher quotes it.
     */
    default boolean exitedByItself()
    {
        return false;
    }
}
