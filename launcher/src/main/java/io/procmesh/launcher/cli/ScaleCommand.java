package io.procmesh.launcher.cli;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.state.ControlDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "scale", mixinStandardHelpOptions = true,
    description = {
        "Run N instances of a service, live; without N, print how many it runs and may run.",
        "New instances take the next numbers (user-2, user-3, ...) and start like the others. Scaling down",
        "removes the highest numbers: each is DRAINING (callers stop picking it) until it has handled what",
        "its inbox holds, or for procmesh.drainTimeoutMs, then stops (SIGTERM, SIGKILL after",
        "shutdownGraceMs) and is never restarted. The other instances are not touched. N is 0 to the",
        "service's maxInstances. Asks the running launcher (through launcher/control/ in the data dir)",
        "and prints one line per instance started or stopped."})
final class ScaleCommand implements Callable<Integer>
{
    private static final long POLL_MS = 50;

    @Mixin
    private TopologyOptions options;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service to scale, e.g. user.")
    private String service;

    @Parameters(index = "1", arity = "0..1", paramLabel = "N", description = "How many instances to run.")
    private String count;

    @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "120",
        description = "Give up waiting after this long (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        requireValidCount();
        final DataDirectory dataDirectory = options.runningDataDirectory();
        final LauncherFiles files = new LauncherFiles(dataDirectory);
        final ProcessHandle launcher = LauncherRequest.runningLauncher(dataDirectory, files);

        final ControlDirectory control = new ControlDirectory(files.controlDirectory());
        final String requestId = control.submitScale(service, count == null ? "" : count);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() - deadlineNs < 0)
        {
            final Optional<ControlDirectory.Result> result = control.result(requestId);
            if (result.isPresent())
            {
                if (result.get().rejected())
                {
                    throw new LauncherException(ExitCodes.USAGE, result.get().message());
                }
                if (!result.get().ok())
                {
                    throw new LauncherException(ExitCodes.FAILURE, "scale of " + service + " to " + count +
                        " failed: " + result.get().message());
                }
                result.get().message().lines().forEach(line -> System.out.println("procmesh: " + line));
                return ExitCodes.OK;
            }
            if (!launcher.isAlive())
            {
                throw new LauncherException(ExitCodes.FAILURE, "the launcher exited before the scale finished");
            }
            Thread.sleep(POLL_MS);
        }
        throw new LauncherException(ExitCodes.FAILURE, "scale of " + service + " not finished after " +
            timeoutSeconds + " s (" + (control.isPending(requestId) ? "the launcher has not taken it" :
            "still in progress") + "); see 'procmesh status'");
    }

    /**
     * A count that is no number or below 0 is refused here, before any launcher is looked for; the one that knows
     * the services and their maxInstances, the launcher, refuses the rest.
     */
    private void requireValidCount()
    {
        if (count == null)
        {
            return;
        }
        try
        {
            if (Integer.parseInt(count) < 0)
            {
                throw new LauncherException(ExitCodes.USAGE, "N must be at least 0, was " + count);
            }
        }
        catch (final NumberFormatException ex)
        {
            throw new LauncherException(ExitCodes.USAGE, "N must be a whole number, was '" + count + "'");
        }
    }
}
