package io.procmesh.launcher.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a pid really is a given procmesh instance, before it is adopted or signalled: its command line
 * must carry {@code -Dprocmesh.instanceId=<id>} and {@code -Dprocmesh.dataDir=<dir>} as exact arguments. A pid
 * from the registry may have been reused by an unrelated process; that one is never touched.
 */
public final class InstanceProcesses
{
    private static final Path PROC = Path.of("/proc");

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
        final List<String> arguments = arguments(handle);
        final String idOption = instanceIdOption(instanceId);
        final String dirOption = dataDirOption(dataDir);
        boolean idFound = false;
        boolean dirFound = false;
        for (final String argument : arguments)
        {
            idFound |= argument.equals(idOption);
            dirFound |= argument.equals(dirOption);
        }
        return idFound && dirFound;
    }

    /**
     * ProcessHandle.Info gives no arguments at all on Linux once the command line is longer than a page, which
     * a JVM with a class path always is; /proc has all of them.
     */
    static List<String> arguments(final ProcessHandle handle)
    {
        final Path cmdline = PROC.resolve(Long.toString(handle.pid())).resolve("cmdline");
        if (Files.isReadable(cmdline))
        {
            try
            {
                final String all = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
                return Arrays.asList(all.split("\\u0000"));
            }
            catch (final IOException ex)
            {
                // The process exited between the check and the read: it has no arguments any more.
                return List.of();
            }
        }
        return handle.info().arguments().map(Arrays::asList).orElse(List.of());
    }
}
