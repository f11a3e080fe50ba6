package io.procmesh.launcher.process;

import io.procmesh.core.config.DataDirectory;

import java.util.ArrayList;
import java.util.List;

/**
 * What the launcher does when its stop did not finish in time (its supervising thread is stuck) and the JVM is
 * about to exit anyway: SIGKILL to every instance of the data directory found in /proc, so none is left running
 * unsupervised. Runs on the shutdown hook's thread, so it uses nothing the supervising thread owns.
 */
public final class LastResort
{
    private LastResort()
    {
    }

    /**
     * @return the instance ids that survived SIGKILL.
     */
    public static List<String> killAll(final DataDirectory dataDirectory)
    {
        final List<GracefulStop.Target> running = new ArrayList<>();
        for (final InstanceProcesses.Found found : InstanceProcesses.scan(dataDirectory.root()))
        {
            running.add(new GracefulStop.Target(found.instanceId(), new AdoptedChild(found.process())));
        }
        return running.isEmpty() ? List.of() : GracefulStop.kill(running);
    }
}
