package io.procmesh.core.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Thread states of a process, from /proc. kill(2) returns once SIGSTOP is queued; the process's threads stop only
 * after one of them has been scheduled to take it, and on a loaded machine a "stopped" service answered a request
 * meanwhile (seen twice: a 200 instead of a 504, an answer instead of a timeout). Tests wait for the stop.
 */
public final class ThreadStates
{
    private ThreadStates()
    {
    }

    /**
     * Waits until every thread of the process is stopped (state T).
     */
    public static void awaitStopped(final long pid, final Duration timeout)
    {
        Await.until(() -> allStopped(pid), timeout, "pid " + pid + " not stopped within " + timeout);
    }

    public static boolean allStopped(final long pid)
    {
        final String states = states(pid);
        return !states.isEmpty() && states.chars().allMatch(state -> state == 'T' || state == 't');
    }

    /**
     * @return one state letter per thread, e.g. "SSRT", from /proc/pid/task/tid/stat; empty if unreadable.
     */
    public static String states(final long pid)
    {
        final StringBuilder states = new StringBuilder();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task")))
        {
            for (final Path task : (Iterable<Path>)tasks::iterator)
            {
                final String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                states.append(stat.charAt(stat.lastIndexOf(')') + 2));
            }
        }
        catch (final IOException ex)
        {
            // A thread that ended between the listing and the read: this poll says "not yet", the next retries.
            return "";
        }
        return states.toString();
    }
}
