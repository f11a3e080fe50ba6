package io.procmesh.launcher.topology;

/**
 * How a failed instance is brought back, and when the launcher stops trying.
 *
 * @param initialBackoffMs delay before the first restart; each further restart doubles it.
 * @param maxBackoffMs     ceiling of the delay.
 * @param stableAfterMs    an instance UP this long is healthy again: its delay goes back to the initial one.
 * @param maxRestarts      more restarts than this within {@code withinSeconds} marks the service FAILED.
 * @param withinSeconds    the sliding window of the intensity limit.
 */
public record RestartPolicy(
    long initialBackoffMs,
    long maxBackoffMs,
    long stableAfterMs,
    int maxRestarts,
    int withinSeconds)
{
}
