package io.procmesh.core.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a child process detached from this one's pipes: stdout and stderr go to a log file and stdin is
 * /dev/null, so the child never blocks on a full pipe nobody reads and keeps running if its parent dies.
 */
public final class LoggedProcess
{
    private static final File NO_INPUT = new File("/dev/null");

    private LoggedProcess()
    {
    }

    /**
     * @param append true to add to the log (a log kept across restarts), false to start it afresh.
     */
    public static Process start(final List<String> command, final Path log, final boolean append) throws IOException
    {
        final Path parent = log.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        final ProcessBuilder.Redirect output = append ?
            ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile());
        return new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output)
            .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
            .start();
    }
}
