package io.procmesh.launcher.supervisor;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides whether a pid really is a given procmesh instance, before it is adopted or signalled: its command line
 * must carry {@code -Dprocmesh.instanceId=<id>} and {@code -Dprocmesh.dataDir=<dir>} as exact arguments. A pid
 * from the registry may have been reused by an unrelated process; that one is never touched.
 */
public final class InstanceProcesses
{
    private InstanceProcesses()
    {
    }

    public static String instanceIdOption(final String instanceId)
    {
        return "-Dprocmesh.instanceId=" + instanceId;
    }

    public static String dataDirOption(final Path dataDir)
    {
        return "-Dprocmesh.dataDir=" + dataDir;
    }

    /**
     * @return the live process with that pid if it is the instance, else empty.
     */
    public static Optional<ProcessHandle> find(final long pid, final String instanceId, final Path dataDir)
    {
        if (pid <= 0)
        {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(handle -> handle.isAlive() && isInstance(handle, instanceId, dataDir));
    }

    public static boolean isInstance(final ProcessHandle handle, final String instanceId, final Path dataDir)
    {
        final Optional<String[]> arguments = handle.info().arguments();
        if (arguments.isEmpty())
        {
            return false;
        }
        final String idOption = instanceIdOption(instanceId);
        final String dirOption = dataDirOption(dataDir);
        boolean idFound = false;
        boolean dirFound = false;
        for (final String argument : arguments.get())
        {
            idFound |= argument.equals(idOption);
            dirFound |= argument.equals(dirOption);
        }
        return idFound && dirFound;
    }
}
