package io.procmesh.launcher.cli;

import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rollout", mixinStandardHelpOptions = true,
    description = {
        "Replace every instance of a service by one of version V, one at a time, with no dropped request.",
        "For each instance: start one of V beside it (the next free number, the same metadata), wait until",
        "it is UP, let it serve beside the old one for the soak period (rollout.soakMs), then drain the old",
        "one and stop it. A new instance that cannot start, dies, or fails more than rollout.maxErrorRate of",
        "its calls rolls the rollout back: the service runs the old version again (exit 1).",
        "With --status: where each rollout since the launcher started stands."})
final class RolloutCommand implements Callable<Integer>
{
    @Mixin
    private TopologyOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", description = "The service, e.g. pricing.")
    private String service;

    @Option(names = "--version", paramLabel = "V", description = "The version the new instances run.")
    private String version;

    @Option(names = "--class-path", paramLabel = "JAR", arity = "1..*",
        description = "The new release's jars or directories (default: the service's own class path).")
    private List<String> classPath;

    @Option(names = "--status", description = "Print where each rollout stands, and nothing else.")
    private boolean status;

    @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "600",
        description = "Give up waiting after this long (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        if (status)
        {
            return LauncherRequest.run(options.runningDataDirectory(), "rollout status", timeoutSeconds,
                control -> control.submitRollout("status", "-", "", List.of()));
        }
        if (service == null)
        {
            throw new LauncherException(ExitCodes.USAGE, "SERVICE is required (or --status)");
        }
        if (version == null || version.isBlank())
        {
            throw new LauncherException(ExitCodes.USAGE,
                "--version is required: the version to roll out, e.g. --version 2.0.0");
        }
        final List<String> entries = absoluteClassPath();
        return LauncherRequest.run(options.runningDataDirectory(), "rollout of " + service + " to " + version,
            timeoutSeconds, control -> control.submitRollout("rollout", service, version.trim(), entries));
    }

    /**
     * @return the entries, absolute (the launcher runs elsewhere); one that is not there is refused here.
     */
    private List<String> absoluteClassPath()
    {
        final List<String> entries = new ArrayList<>();
        for (final String entry : classPath == null ? List.<String>of() : classPath)
        {
            final Path path;
            try
            {
                path = Path.of(entry).toAbsolutePath().normalize();
            }
            catch (final InvalidPathException ex)
            {
                throw new LauncherException(ExitCodes.USAGE, "--class-path entry " + entry + " is not a path");
            }
            if (!Files.exists(path))
            {
                throw new LauncherException(ExitCodes.USAGE, "--class-path entry " + entry + " does not exist");
            }
            entries.add(path.toString());
        }
        return entries;
    }
}
