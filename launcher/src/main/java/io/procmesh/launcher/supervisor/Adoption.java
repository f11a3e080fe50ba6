package io.procmesh.launcher.supervisor;

import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What `up` does with instances a launcher killed by SIGKILL left running: it takes them over instead of
 * starting duplicates. The registry names each instance's pid; the pid must be alive and its command line
 * must name the instance and this data directory, so a reused pid is never adopted.
 */
final class Adoption
{
    private static final Logger LOG = LoggerFactory.getLogger(Adoption.class);

    private Adoption()
    {
    }

    /**
     * @param previous the state the earlier launcher left, for the restart counts.
     * @return how many instances were adopted.
     */
    static int adopt(
        final List<SupervisedInstance> instances,
        final Registry registry,
        final Path dataDir,
        final Optional<LauncherState> previous,
        final long nowNs)
    {
        final Map<String, InstanceSnapshot> registered = new HashMap<>();
        for (final InstanceSnapshot snapshot : registry.snapshot())
        {
            registered.put(snapshot.instanceId(), snapshot);
        }
        int adopted = 0;
        for (final SupervisedInstance instance : instances)
        {
            final InstanceSnapshot snapshot = registered.remove(instance.instanceId());
            if (snapshot == null)
            {
                continue;
            }
            final Optional<ProcessHandle> running = InstanceProcesses.find(snapshot.pid(), instance.instanceId(),
                dataDir);
            if (running.isPresent())
            {
                final LauncherState.Instance before = previous.map(state -> state.instance(instance.instanceId()))
                    .orElse(null);
                instance.adopt(new AdoptedChild(running.get()), before == null ? 0 : before.restarts(), nowNs);
                adopted++;
            }
        }
        for (final InstanceSnapshot stranger : registered.values())
        {
            if (InstanceProcesses.find(stranger.pid(), stranger.instanceId(), dataDir).isPresent())
            {
                LOG.warn("{} (pid {}) is running but not in this topology: left alone; 'procmesh down' stops it",
                    stranger.instanceId(), stranger.pid());
            }
        }
        return adopted;
    }
}
