package io.procmesh.launcher.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code /proc/<pid>/stat} says about a process that {@link ProcessHandle} does not: whether it is a zombie
 * (it has exited and waits for its parent to reap it; ProcessHandle calls it alive and its onExit never completes)
 * and which process group it is in (a child started by setsid leads its own, which holds what it forked).
 */
final class ProcStat
{
    static final char GONE = '-';
    static final char ZOMBIE = 'Z';
    private static final Path PROC = Path.of("/proc");

    private ProcStat()
    {
    }

    /**
     * @return the state letter (R, S, D, Z, ...), or {@link #GONE} if there is no such process.
     */
    static char state(final long pid)
    {
        final String[] fields = fields(pid);
        return fields == null || fields[0].isEmpty() ? GONE : fields[0].charAt(0);
    }

    static boolean isZombie(final long pid)
    {
        return state(pid) == ZOMBIE;
    }

    /**
     * @return the process group id, or -1 if there is no such process.
     */
    static long processGroup(final long pid)
    {
        final String[] fields = fields(pid);
        if (fields == null || fields.length < 3)
        {
            return -1;
        }
        try
        {
            return Long.parseLong(fields[2]);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /**
     * @return the fields after the command name, which is in parentheses and may itself hold spaces and ')'.
     */
    private static String[] fields(final long pid)
    {
        final String stat;
        try
        {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            // No such process (any more).
            return null;
        }
        final int end = stat.lastIndexOf(')');
        return end < 0 ? null : stat.substring(end + 1).trim().split(" ");
    }
}
