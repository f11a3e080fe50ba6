package io.procmesh.launcher.testing;

import io.procmesh.services.user.UserServiceMain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The user service, after forking a process of its own (a `sleep`) and writing that process's pid to
 * {@code <dataDir>/forked-<instanceId>.pid}: what a service that runs a helper or a script leaves behind. With the
 * argument {@value #IGNORE_TERM} the forked process is a shell that ignores SIGTERM.
 */
public final class ForkingMain
{
    public static final String IGNORE_TERM = "ignore-term";

    private ForkingMain()
    {
    }

    public static Path pidFile(final Path dataDir, final String instanceId)
    {
        return dataDir.resolve("forked-" + instanceId + ".pid");
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
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, Long.toString(sleep.pid()), StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        UserServiceMain.main(args);
    }
}
