package io.procmesh.launcher.figures;

/**
 * One kill -9 of a supervised instance and its recovery, both times from the moment SIGKILL was sent.
 *
 * @param instanceId      the instance killed.
 * @param killedPid       its pid before.
 * @param restartedPid    the pid of its replacement.
 * @param detectedAfterNs until the launcher noticed the exit.
 * @param upAgainAfterNs  until the launcher saw the replacement UP in the registry.
 */
public record Failover(String instanceId, long killedPid, long restartedPid, long detectedAfterNs,
    long upAgainAfterNs)
{
}
