package io.procmesh.launcher.process;

import io.procmesh.core.config.Configuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a pid really is a given procmesh instance, before it is adopted or signalled: its command line
 * must carry {@code -Dprocmesh.instanceId=<id>} and {@code -Dprocmesh.dataDir=<dir>}, the directory being this
 * data directory once both are made canonical. A pid from the registry or a pid file may have been reused by an
 * unrelated process; that one is never touched.
 * <p>
 * {@link #scan(Path)} finds instances by their command line alone, for the ones no file names: a child spawned just
 * before its launcher was killed may have had no time to register, or its pid file may not have been written.
 */
public final class InstanceProcesses
{
    private static final Path PROC = Path.of("/proc");
    private static final String INSTANCE_ID_PREFIX = "-Dprocmesh.instanceId=";
    private static final String DATA_DIR_PREFIX = "-Dprocmesh.dataDir=";

    /**
     * What marks a hot standby's command line; it keeps it after it took over, so the registry says which it is.
     */
    public static final String STANDBY_OPTION = "-D" + Configuration.SERVICE_STANDBY_PROP_NAME + "=true";

    /**
     * A live process whose command line names an instance of the data directory.
     */
    public record Found(String instanceId, ProcessHandle process)
    {
    }

    private InstanceProcesses()
    {
    }

    public static String instanceIdOption(final String instanceId)
    {
        return INSTANCE_ID_PREFIX + instanceId;
    }

    public static String dataDirOption(final Path dataDir)
    {
        return DATA_DIR_PREFIX + dataDir;
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
        return ProcessHandle.of(pid).filter(handle -> isLive(handle) && isInstance(handle, instanceId, dataDir));
    }

    public static boolean isInstance(final ProcessHandle handle, final String instanceId, final Path dataDir)
    {
        final Path wanted = canonical(dataDir);
        boolean idFound = false;
        boolean dirFound = false;
        for (final String argument : arguments(handle.pid()))
        {
            idFound |= argument.equals(INSTANCE_ID_PREFIX + instanceId);
            dirFound |= argument.startsWith(DATA_DIR_PREFIX) && sameDirectory(argument, wanted);
        }
        return idFound && dirFound;
    }

    /**
     * @return whether the process was started as a hot standby ({@link #STANDBY_OPTION}).
     */
    public static boolean isStandby(final ProcessHandle handle)
    {
        return arguments(handle.pid()).contains(STANDBY_OPTION);
    }

    /**
     * Every live process of this user (this one excepted) whose command line names an instance and this data
     * directory, registered or not; in pid order.
     */
    public static List<Found> scan(final Path dataDir)
    {
        final Path wanted = canonical(dataDir);
        final List<Found> found = new ArrayList<>();
        final Object uid = owner(PROC.resolve("self"));
        final long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC))
        {
            for (final Path entry : entries)
            {
                final long pid = pidOf(entry.getFileName().toString());
                if (pid <= 0 || pid == self || uid == null || !uid.equals(owner(entry)))
                {
                    continue;
                }
                String instanceId = null;
                boolean dirFound = false;
                for (final String argument : arguments(pid))
                {
                    if (argument.startsWith(INSTANCE_ID_PREFIX))
                    {
                        instanceId = argument.substring(INSTANCE_ID_PREFIX.length());
                    }
                    dirFound |= argument.startsWith(DATA_DIR_PREFIX) && sameDirectory(argument, wanted);
                }
                if (instanceId != null && !instanceId.isEmpty() && dirFound)
                {
                    final String id = instanceId;
                    ProcessHandle.of(pid).filter(InstanceProcesses::isLive)
                        .ifPresent(handle -> found.add(new Found(id, handle)));
                }
            }
        }
        catch (final IOException ex)
        {
            // No /proc (not Linux): only the pids the registry and the files name can be found.
            return List.of();
        }
        found.sort((a, b) -> Long.compare(a.process().pid(), b.process().pid()));
        return found;
    }

    /**
     * @return true if it runs: a zombie has exited, though ProcessHandle calls it alive until its parent reaps it.
     */
    static boolean isLive(final ProcessHandle handle)
    {
        return handle.isAlive() && !ProcStat.isZombie(handle.pid());
    }

    private static boolean sameDirectory(final String option, final Path wanted)
    {
        try
        {
            return canonical(Path.of(option.substring(DATA_DIR_PREFIX.length()))).equals(wanted);
        }
        catch (final RuntimeException ex)
        {
            // Not a path at all: not ours.
            return false;
        }
    }

    /**
     * The real path (links resolved) if it exists, else the absolute normalised one: /data and /./data, or a
     * symbolic link to it, name one directory.
     */
    static Path canonical(final Path dir)
    {
        try
        {
            return dir.toRealPath();
        }
        catch (final IOException ex)
        {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static long pidOf(final String name)
    {
        for (int i = 0; i < name.length(); i++)
        {
            if (!Character.isDigit(name.charAt(i)))
            {
                return -1;
            }
        }
        try
        {
            return Long.parseLong(name);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static Object owner(final Path path)
    {
        try
        {
            return Files.getAttribute(path, "unix:uid");
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            // Gone meanwhile, or no unix attributes: treated as not ours.
            return null;
        }
    }

    /**
     * ProcessHandle.Info gives no arguments at all on Linux once the command line is longer than a page, which
     * a JVM with a class path always is; /proc has all of them.
     */
    static List<String> arguments(final long pid)
    {
        final Path cmdline = PROC.resolve(Long.toString(pid)).resolve("cmdline");
        try
        {
            final String all = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
            return Arrays.asList(all.split("\\u0000"));
        }
        catch (final IOException ex)
        {
            // Exited meanwhile, or no /proc: fall back to what the JDK can tell.
            return ProcessHandle.of(pid).flatMap(handle -> handle.info().arguments()).map(Arrays::asList)
                .orElse(List.of());
        }
    }
}
