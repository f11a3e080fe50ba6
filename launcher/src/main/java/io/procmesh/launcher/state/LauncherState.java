package io.procmesh.launcher.state;

import io.procmesh.core.registry.InstanceState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the launcher publishes in {@code launcher/state.json} for `status`, `down` and `restart`, which read it
 * without talking to the launcher. Rewritten on every state change, never per health check.
 *
 * @param topology   the topology file, absolute (`procmesh config` writes its overlay beside it), or the name of
 *                   a topology that is not a file (the bundled demo).
 * @param stopLayers services in stop order, for `down` when the launcher itself is gone.
 * @param scaled     the count in force of each service `procmesh scale` changed, while this launcher runs; empty
 *                   once it stopped its instances. A launcher that adopts the instances of a killed one keeps these
 *                   counts; a fresh start goes back to the topology's {@code instances}.
 * @param released   per service a `procmesh rollout` (or rollback) changed: the release in force and the one before,
 *                   kept by a launcher that adopts the instances, as {@code scaled} is.
 */
public record LauncherState(
    long launcherPid,
    String dataDir,
    String topology,
    long updatedAtMs,
    long shutdownGraceMs,
    List<List<String>> stopLayers,
    List<Instance> instances,
    Map<String, Integer> scaled,
    Map<String, Released> released)
{
    public LauncherState
    {
        // Absent in the files of launchers from before `procmesh scale`.
        scaled = scaled == null ? Map.of() : Map.copyOf(scaled);
        // Absent in the files of launchers from before `procmesh rollout`.
        released = released == null ? Map.of() : Map.copyOf(released);
    }

    /**
     * What a rollout put in force for one service.
     *
     * @param version           the version its instances run (null: none set).
     * @param classPath         their class path entries, absolute.
     * @param previousVersion   the version before, which `procmesh rollback` returns to.
     * @param previousClassPath the class path before.
     */
    public record Released(String version, List<String> classPath, String previousVersion,
                           List<String> previousClassPath)
    {
    }

    /**
     * @param restarts           how many times the launcher (this one, or the one it adopted from) restarted it.
     * @param stateSinceNs       System.nanoTime when the state was entered: CLOCK_MONOTONIC, shared by every
     *                           process on this host, so a measurement can compare it with its own clock.
     * @param lastExitDetectedNs System.nanoTime when the launcher noticed the last exit of this instance, or 0.
     * @param partition          the partition it serves, 0 for none: after a rollout, instance numbers no longer
     *                           say which.
     */
    public record Instance(
        String instanceId,
        String service,
        InstanceState state,
        long pid,
        int restarts,
        String detail,
        long stateSinceMs,
        long stateSinceNs,
        long lastExitDetectedNs,
        long heartbeatTimeoutMs,
        int partition)
    {
    }

    /**
     * @return the topology's source as state.json records it: an existing file's absolute path (the verbs may run
     * from another directory), else the source unchanged.
     */
    public static String topologyPath(final String source)
    {
        final Path file = Path.of(source);
        return Files.isRegularFile(file) ? file.toAbsolutePath().normalize().toString() : source;
    }

    public Instance instance(final String instanceId)
    {
        for (final Instance instance : instances)
        {
            if (instance.instanceId().equals(instanceId))
            {
                return instance;
            }
        }
        return null;
    }
}
