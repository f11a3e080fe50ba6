package io.procmesh.launcher.supervisor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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
    private static final long KILL_COMMAND_TIMEOUT_MS = 2_000;

    private ProcessSignals()
    {
    }

    static void terminate(final ProcessHandle process)
    {
        if (!signalGroup(process.pid(), "TERM"))
        {
            process.destroy();
        }
    }

    static void kill(final ProcessHandle process)
    {
        if (!signalGroup(process.pid(), "KILL"))
        {
            process.destroyForcibly();
        }
    }

    /**
     * @return true if the process leads its own group and the group was signalled.
     */
    static boolean signalGroup(final long pid, final String signal)
    {
        if (ProcStat.processGroup(pid) != pid || !Files.isExecutable(KILL))
        {
            return false;
        }
        try
        {
            final Process kill = new ProcessBuilder(KILL.toString(), "-s", signal, "--", "-" + pid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            if (!kill.waitFor(KILL_COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                kill.destroyForcibly();
                LOG.warn("kill -s {} -- -{} did not finish in {} ms: signalling pid {} alone", signal, pid,
                    KILL_COMMAND_TIMEOUT_MS, pid);
                return false;
            }
            return kill.exitValue() == 0;
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot run {} for process group {}: {}; signalling pid {} alone", KILL, pid, ex.toString(), pid);
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
