package io.procmesh.core.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * Sends a signal to a process by pid with kill(1), as an operator or a fault injector would.
 */
public final class Signals
{
    private static final long KILL_WAIT_S = 10;

    private Signals()
    {
    }

    /**
     * @param signal a name without the SIG prefix, e.g. {@code TERM}, {@code STOP}, {@code KILL}.
     * @return true if kill(1) delivered it; false if the process is gone (a fault injector's target may be).
     */
    public static boolean send(final long pid, final String signal)
    {
        try
        {
            final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            if (!kill.waitFor(KILL_WAIT_S, TimeUnit.SECONDS))
            {
                kill.destroyForcibly();
                return false;
            }
            return kill.exitValue() == 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    /**
     * Sends the signal and fails the test if it could not be delivered.
     */
    public static void require(final long pid, final String signal)
    {
        if (!send(pid, signal))
        {
            throw new AssertionError("kill -" + signal + " " + pid + " failed");
        }
    }
}
