package io.procmesh.launcher.supervisor;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.Registry;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.process.AdoptedChild;
import io.procmesh.launcher.process.GracefulStop;
import io.procmesh.launcher.process.InstanceProcesses;
import io.procmesh.launcher.state.ChildPidFile;
import io.procmesh.launcher.state.LauncherState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What `up` does with instances a launcher killed by SIGKILL left running: it takes them over instead of
 * starting duplicates. An instance's process is found three ways: the pid in the registry (it registered), the
 * pid in its {@link ChildPidFile} (written the moment it was spawned, so also one killed launcher's child that had
 * no time to register) and a scan of /proc for its command line (whatever no file names). Each must be alive and
 * its command line must name the instance and this data directory, so a reused pid is never adopted. If more than
 * one process is an instance, one is adopted (the registered one first) and the others are killed: two JVMs must
 * never share an instance id. A hot standby (its command line carries the standby flag, and it is not the
 * registered pid) is adopted as the instance's standby.
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
        final DataDirectory dataDirectory,
        final Optional<LauncherState> previous,
        final long nowNs)
    {
        final Path dataDir = dataDirectory.root();
        final LauncherFiles files = new LauncherFiles(dataDirectory);
        final Map<String, InstanceSnapshot> registered = new HashMap<>();
        for (final InstanceSnapshot snapshot : registry.snapshot())
        {
            registered.put(snapshot.instanceId(), snapshot);
        }
        final Map<String, List<ProcessHandle>> scanned = new LinkedHashMap<>();
        for (final InstanceProcesses.Found found : InstanceProcesses.scan(dataDir))
        {
            scanned.computeIfAbsent(found.instanceId(), id -> new ArrayList<>()).add(found.process());
        }
        int adopted = 0;
        final List<GracefulStop.Target> duplicates = new ArrayList<>();
        for (final SupervisedInstance instance : instances)
        {
            final String instanceId = instance.instanceId();
            final InstanceSnapshot snapshot = registered.remove(instanceId);
            final Map<Long, ProcessHandle> running = new LinkedHashMap<>();
            if (snapshot != null)
            {
                InstanceProcesses.find(snapshot.pid(), instanceId, dataDir).ifPresent(p -> running.put(p.pid(), p));
            }
            InstanceProcesses.find(ChildPidFile.read(files, instanceId), instanceId, dataDir)
                .ifPresent(p -> running.putIfAbsent(p.pid(), p));
            final List<ProcessHandle> standbys = new ArrayList<>();
            for (final ProcessHandle process : scanned.getOrDefault(instanceId, List.of()))
            {
                // A standby that took over is the registered pid, found above; one still waiting is no duplicate.
                if (!running.containsKey(process.pid()) && InstanceProcesses.isStandby(process))
                {
                    standbys.add(process);
                }
                else
                {
                    running.putIfAbsent(process.pid(), process);
                }
            }
            scanned.remove(instanceId);
            adoptStandby(instance, standbys, duplicates);
            if (running.isEmpty())
            {
                continue;
            }
            final ProcessHandle chosen = running.values().iterator().next();
            for (final ProcessHandle other : running.values())
            {
                if (other != chosen)
                {
                    LOG.warn("{}: pid {} is a second process of this instance beside pid {}: killing it",
                        instanceId, other.pid(), chosen.pid());
                    duplicates.add(new GracefulStop.Target(instanceId, new AdoptedChild(other)));
                }
            }
            final LauncherState.Instance before = previous.map(state -> state.instance(instanceId)).orElse(null);
            instance.adopt(new AdoptedChild(chosen), before == null ? 0 : before.restarts(), nowNs);
            adopted++;
        }
        if (!duplicates.isEmpty())
        {
            GracefulStop.kill(duplicates);
        }
        for (final InstanceSnapshot stranger : registered.values())
        {
            if (InstanceProcesses.find(stranger.pid(), stranger.instanceId(), dataDir).isPresent())
            {
                warnStranger(stranger.instanceId(), stranger.pid());
            }
            scanned.remove(stranger.instanceId());
        }
        for (final Map.Entry<String, List<ProcessHandle>> stranger : scanned.entrySet())
        {
            for (final ProcessHandle process : stranger.getValue())
            {
                warnStranger(stranger.getKey(), process.pid());
            }
        }
        return adopted;
    }

    /**
     * The first standby is kept for the instance; any other is killed, as a second primary would be.
     */
    private static void adoptStandby(final SupervisedInstance instance, final List<ProcessHandle> standbys,
        final List<GracefulStop.Target> duplicates)
    {
        for (int i = 0; i < standbys.size(); i++)
        {
            final AdoptedChild child = new AdoptedChild(standbys.get(i));
            if (i == 0)
            {
                instance.standby().adopt(child);
            }
            else
            {
                LOG.warn("{}: pid {} is a second standby: killing it", instance.instanceId(), child.pid());
                duplicates.add(new GracefulStop.Target(instance.instanceId(), child));
            }
        }
    }

    private static void warnStranger(final String instanceId, final long pid)
    {
        LOG.warn("{} (pid {}) is running but not in this topology: left alone; 'procmesh down' stops it",
            instanceId, pid);
    }
}
