package io.procmesh.launcher.cli;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.state.LauncherStateFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "logs", mixinStandardHelpOptions = true,
    description = {
        "Print the log of an instance, or of every instance of a service.",
        "The launcher appends each instance's output to logs/<instance>.log in the data dir, across restarts.",
        "For a service, each line is prefixed by its instance id. -f follows the files until Ctrl-C,",
        "through restarts of the instance."})
final class LogsCommand implements Callable<Integer>
{
    static final long FOLLOW_POLL_MS = 200;

    @Mixin
    private TopologyOptions options;

    @Parameters(paramLabel = "SERVICE|INSTANCE", description = "A service (e.g. order) or one instance (order-1).")
    private String target;

    @Option(names = {"-f", "--follow"}, description = "Keep printing what is appended, until Ctrl-C.")
    private boolean follow;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "50",
        description = "Print the last N lines of each log first (default: ${DEFAULT-VALUE}).")
    private int lines;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        if (lines < 0)
        {
            throw new LauncherException(ExitCodes.USAGE, "-n must be 0 or more, not " + lines);
        }
        final DataDirectory dataDirectory = options.runningDataDirectory();
        final List<String> instances = instancesOf(dataDirectory);
        final boolean prefixed = instances.size() > 1 || !instances.get(0).equals(target);
        final List<LogTailer> tailers = new ArrayList<>();
        final PrintStream out = System.out;
        for (final String instance : instances)
        {
            final LogTailer tailer = new LogTailer(dataDirectory.log(instance));
            tailers.add(tailer);
            print(out, prefixed ? instance : null, tailer.last(lines));
            if (!follow)
            {
                final String partial = tailer.takePartial();
                if (!partial.isEmpty())
                {
                    print(out, prefixed ? instance : null, List.of(partial));
                }
            }
        }
        out.flush();
        while (follow)
        {
            Thread.sleep(FOLLOW_POLL_MS);
            for (int i = 0; i < tailers.size(); i++)
            {
                print(out, prefixed ? instances.get(i) : null, tailers.get(i).poll());
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static void print(final PrintStream out, final String prefix, final List<String> lines)
    {
        for (final String line : lines)
        {
            out.println(prefix == null ? line : prefix + " | " + line);
        }
    }

    /**
     * @return the instance the target names, or every instance of the service it names: from the launcher's state
     * when there is one, else from the log files.
     * @throws LauncherException (usage) naming the known services when it names neither.
     */
    private List<String> instancesOf(final DataDirectory dataDirectory) throws IOException
    {
        final Optional<LauncherState> state =
            new LauncherStateFile(new LauncherFiles(dataDirectory).stateFile()).read();
        final TreeSet<String> services = new TreeSet<>();
        final List<String> matched = new ArrayList<>();
        for (final LauncherState.Instance instance : state.map(LauncherState::instances).orElse(List.of()))
        {
            services.add(instance.service());
            if (instance.instanceId().equals(target))
            {
                return List.of(target);
            }
            if (instance.service().equals(target))
            {
                matched.add(instance.instanceId());
            }
        }
        if (!matched.isEmpty())
        {
            return matched;
        }
        final List<String> logged = loggedInstances(dataDirectory.logs());
        if (logged.contains(target))
        {
            return List.of(target);
        }
        for (final String instance : logged)
        {
            final int dash = instance.lastIndexOf('-');
            if (dash > 0 && instance.substring(0, dash).equals(target))
            {
                matched.add(instance);
            }
            if (dash > 0 && state.isEmpty())
            {
                services.add(instance.substring(0, dash));
            }
        }
        if (!matched.isEmpty())
        {
            return matched;
        }
        throw new LauncherException(ExitCodes.USAGE, "unknown service or instance '" + target + "' in " +
            dataDirectory.root() + (services.isEmpty() ? "" : " (services: " + String.join(", ", services) + ")"));
    }

    private static List<String> loggedInstances(final Path logs) throws IOException
    {
        if (!Files.isDirectory(logs))
        {
            return List.of();
        }
        final TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(logs, "*.log"))
        {
            for (final Path file : files)
            {
                final String name = file.getFileName().toString();
                names.add(name.substring(0, name.length() - ".log".length()));
            }
        }
        return List.copyOf(names);
    }
}
