package io.procmesh.launcher.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and SIGKILL to a service. A child started through setsid leads its own process group, which also holds
 * whatever the service forked (a helper, a `sleep` in a script): the signal goes to that whole group, or those
 * processes would outlive `down`. A process that does not lead its own group (started without setsid, so in the
 * launcher's group) gets the signal alone. Java has no killpg, so the group signal is kill(1); it runs only when
 * stopping, never per message.
 */
final class ProcessSignals
{
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSignals.class);
    private static final Path KILL = Path.of("/bin/kill");
    private static final Path PROC = Path.of("/proc");
    private static final long KILL_COMMAND_TIMEOUT_MS = 2_000;

    private ProcessSignals()
    {
    }

    /**
     * @return true if the signal went to the process's group.
     */
    static boolean terminate(final ProcessHandle process)
    {
        if (signalGroup(process.pid(), "TERM"))
        {
            return true;
        }
        process.destroy();
        return false;
    }

    /**
     * @return true if the signal went to the process's group.
     */
    static boolean kill(final ProcessHandle process)
    {
        if (signalGroup(process.pid(), "KILL"))
        {
            return true;
        }
        process.destroyForcibly();
        return false;
    }

    /**
     * SIGKILL to whatever is left in the group a process led, once that process has exited: what it forked and
     * that ignored SIGTERM. While any member is alive the kernel does not reuse the group's id, so this can only
     * reach that group.
     */
    static void killGroupRemains(final long groupId)
    {
        if (hasMembers(groupId))
        {
            LOG.warn("process group {} outlived its leader: SIGKILL to the group", groupId);
            send(groupId, "KILL");
        }
    }

    private static boolean hasMembers(final long groupId)
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*"))
        {
            for (final Path entry : entries)
            {
                final long pid = Long.parseLong(entry.getFileName().toString());
                if (ProcStat.processGroup(pid) == groupId && ProcStat.state(pid) != ProcStat.ZOMBIE)
                {
                    return true;
                }
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            // No /proc to look in: nothing can be found to kill either.
            return false;
        }
        return false;
    }

    /**
     * @return true if the process leads its own group and the group was signalled.
     */
    static boolean signalGroup(final long pid, final String signal)
    {
        return ProcStat.processGroup(pid) == pid && send(pid, signal);
    }

    /**
     * @return true if kill(1) signalled the group; false (logged) if it could not, and the caller falls back.
     */
    private static boolean send(final long groupId, final String signal)
    {
        if (!Files.isExecutable(KILL))
        {
            return false;
        }
        try
        {
            final Process kill = new ProcessBuilder(KILL.toString(), "-s", signal, "--", "-" + groupId)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            if (!kill.waitFor(KILL_COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                kill.destroyForcibly();
                LOG.warn("kill -s {} -- -{} did not finish in {} ms", signal, groupId, KILL_COMMAND_TIMEOUT_MS);
                return false;
            }
            return kill.exitValue() == 0;
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot run {} for process group {}: {}", KILL, groupId, ex.toString());
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
