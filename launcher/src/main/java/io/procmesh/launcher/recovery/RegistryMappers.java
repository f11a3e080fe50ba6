package io.procmesh.launcher.recovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds, through /proc, the processes other than this one that map the registry file and are stopped (SIGSTOP,
 * or a debugger). A Chronicle Map segment lock is a count word and a wait word with no holder pid (Chronicle
 * Map spec 3.2, {@code VanillaReadWriteUpdateWithWaitsLockingStrategy}), so the holder of a lock cannot be named;
 * but a holder that is alive still maps the file, and one that is stopped will release the lock once resumed.
 * Only read after a failed lock probe, never per health check: it reads every process's maps.
 */
public final class RegistryMappers
{
    private static final Path PROC = Path.of("/proc");

    private RegistryMappers()
    {
    }

    /**
     * @return pids of stopped processes that map the file; empty if there are none or /proc cannot be read.
     */
    public static List<Long> stopped(final Path file)
    {
        final String mapped;
        try
        {
            mapped = file.toRealPath().toString();
        }
        catch (final IOException ex)
        {
            return List.of();
        }
        final long self = ProcessHandle.current().pid();
        final List<Long> stopped = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*"))
        {
            for (final Path process : processes)
            {
                final long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && isStopped(process) && maps(process, mapped))
                {
                    stopped.add(pid);
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // No /proc to read: nothing can be called stopped, so the watchdog decides by its probes alone.
            return stopped;
        }
        return stopped;
    }

    /**
     * @return true if the process is in state T (stopped) or t (stopped by a tracer); false if it is gone.
     */
    static boolean isStopped(final Path process)
    {
        try
        {
            final String stat = Files.readString(process.resolve("stat"), StandardCharsets.US_ASCII);
            // The command name in parentheses may hold spaces and parentheses; the state follows the last ')'.
            final int end = stat.lastIndexOf(')');
            if (end < 0 || end + 2 >= stat.length())
            {
                return false;
            }
            final char state = stat.charAt(end + 2);
            return state == 'T' || state == 't';
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static boolean maps(final Path process, final String file)
    {
        try (Stream<String> lines = Files.lines(process.resolve("maps"), StandardCharsets.UTF_8))
        {
            return lines.anyMatch(line -> line.endsWith(file) || line.endsWith(file + " (deleted)"));
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // Gone since it was listed, or not ours to read: either way not a holder we can wait for.
            return false;
        }
    }
}
