package io.procmesh.launcher.testing;

import io.procmesh.services.user.UserServiceMain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The user service, after forking a process of its own (a `sleep`) and writing that process's pid to
 * {@code <dataDir>/forked-<instanceId>.pid}: what a service that runs a helper or a script leaves behind. With the
 * argument {@value #IGNORE_TERM} the forked process is a shell that ignores SIGTERM; with {@value #CRASH} the service
 * exits with {@link #CRASH_EXIT_CODE} once it has forked.
 */
public final class ForkingMain
{
    public static final String IGNORE_TERM = "ignore-term";
    public static final String CRASH = "crash";
    public static final int CRASH_EXIT_CODE = 3;

    private ForkingMain()
    {
    }

    public static Path pidFile(final Path dataDir, final String instanceId)
    {
        return dataDir.resolve("forked-" + instanceId + ".pid");
    }

    /**
     * @return the file that lists every process forked so far, one pid a line, for the test's clean-up.
     */
    public static Path allPidsFile(final Path dataDir, final String instanceId)
    {
        return dataDir.resolve("forked-" + instanceId + ".all");
    }

    public static void main(final String[] args) throws Exception
    {
        final boolean ignoreTerm = args.length > 0 && IGNORE_TERM.equals(args[0]);
        final Process sleep = new ProcessBuilder(ignoreTerm ?
            new String[]{"sh", "-c", "trap '' TERM; while :; do sleep 1; done"} : new String[]{"sleep", "600"})
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        final Path file = pidFile(Path.of(System.getProperty("procmesh.dataDir")),
            System.getProperty("procmesh.instanceId"));
        Files.writeString(allPidsFile(file.getParent(), System.getProperty("procmesh.instanceId")),
            sleep.pid() + System.lineSeparator(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, Long.toString(sleep.pid()), StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        if (args.length > 0 && CRASH.equals(args[0]))
        {
            System.exit(CRASH_EXIT_CODE);
        }
        UserServiceMain.main(args);
    }
}
