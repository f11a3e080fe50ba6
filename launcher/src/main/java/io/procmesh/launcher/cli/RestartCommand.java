package io.procmesh.launcher.cli;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.state.ControlDirectory;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.state.LauncherStateFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "restart", mixinStandardHelpOptions = true,
    description = {
        "Restart a service's instances one at a time.",
        "Each instance is UP again before the next is stopped. Asks the running launcher (through",
        "launcher/control/ in the data dir). Also clears a FAILED service and its restart count window.",
        "Fails, naming the instance and why, if one cannot come UP: FAILED again, waiting for a FAILED",
        "service, or not UP within shutdownGraceMs + startTimeoutMs + 1 s."})
final class RestartCommand implements Callable<Integer>
{
    private static final long POLL_MS = 50;

    @Mixin
    private TopologyOptions options;

    @Parameters(paramLabel = "SERVICE", description = "The service to restart, e.g. user.")
    private String service;

    @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "120",
        description = "Give up waiting after this long (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final DataDirectory dataDirectory = options.runningDataDirectory();
        final LauncherFiles files = new LauncherFiles(dataDirectory);
        final ProcessHandle launcher = LauncherRequest.runningLauncher(dataDirectory, files);
        requireKnown(new LauncherStateFile(files.stateFile()).read());

        final ControlDirectory control = new ControlDirectory(files.controlDirectory());
        final String requestId = control.submitRestart(service);
        System.out.println("procmesh: restarting " + service + ", one instance at a time");
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() - deadlineNs < 0)
        {
            final Optional<ControlDirectory.Result> result = control.result(requestId);
            if (result.isPresent())
            {
                if (!result.get().ok())
                {
                    throw new LauncherException(ExitCodes.FAILURE, "restart of " + service + " failed: " +
                        result.get().message());
                }
                System.out.println("procmesh: " + result.get().message());
                return ExitCodes.OK;
            }
            if (!launcher.isAlive())
            {
                throw new LauncherException(ExitCodes.FAILURE, "the launcher exited before the restart finished");
            }
            Thread.sleep(POLL_MS);
        }
        throw new LauncherException(ExitCodes.FAILURE, "restart of " + service + " not finished after " +
            timeoutSeconds + " s (" + (control.isPending(requestId) ? "the launcher has not taken it" :
            "still in progress") + "); see 'procmesh status'");
    }

    private void requireKnown(final Optional<LauncherState> state)
    {
        if (state.isEmpty())
        {
            return;
        }
        final Set<String> services = new LinkedHashSet<>();
        for (final LauncherState.Instance instance : state.get().instances())
        {
            services.add(instance.service());
        }
        // A service scaled to 0 has no instance to list.
        services.addAll(state.get().scaled().keySet());
        if (!services.contains(service))
        {
            throw new LauncherException(ExitCodes.USAGE, "unknown service '" + service + "' (services: " +
                String.join(", ", services) + ")");
        }
    }
}
