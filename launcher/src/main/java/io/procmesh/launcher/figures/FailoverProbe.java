package io.procmesh.launcher.figures;

import io.procmesh.core.registry.InstanceState;
import io.procmesh.launcher.process.InstanceProcesses;
import io.procmesh.launcher.state.LauncherState;

import java.io.IOException;
import java.time.Duration;

/**
 * Kills a supervised instance with SIGKILL and waits for the launcher to notice and to have it UP again.
 */
public final class FailoverProbe
{
    private FailoverProbe()
    {
    }

    /**
     * @param timeout for each of the two waits.
     * @throws IllegalStateException if the instance is not running under the launcher of this data directory (a
     *                               pid whose command line does not name it is never signalled), or does not
     *                               recover in time.
     */
    public static Failover killAndAwaitUp(final LauncherStateWatch watch, final String instanceId,
        final Duration timeout) throws IOException, InterruptedException
    {
        final LauncherState.Instance before = watch.await(state -> state.instance(instanceId) != null, timeout)
            .instance(instanceId);
        final long pid = before.pid();
        final ProcessHandle victim = InstanceProcesses.find(pid, instanceId, watch.dataDir()).orElseThrow(
            () -> new IllegalStateException(instanceId + " pid " + pid + " is not running in " + watch.dataDir()));
        final long killNs = System.nanoTime();
        victim.destroyForcibly();
        final LauncherState detected = watch.await(
            state -> state.instance(instanceId).lastExitDetectedNs() - killNs > 0, timeout);
        final LauncherState again = watch.await(state -> state.instance(instanceId).pid() != pid &&
            state.instance(instanceId).state() == InstanceState.UP, timeout);
        final LauncherState.Instance restarted = again.instance(instanceId);
        return new Failover(instanceId, pid, restarted.pid(),
            detected.instance(instanceId).lastExitDetectedNs() - killNs, restarted.stateSinceNs() - killNs);
    }
}
