package io.procmesh.launcher.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.LauncherFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {
        "List every instance with its state, pid, heartbeat, uptime, restarts and counters.",
        "Reads what the running launcher publishes (its state file and its snapshot of the registry, at",
        "most 250 ms old); with no launcher running, reads the shared registry directly."})
final class StatusCommand implements Callable<Integer>
{
    @Mixin
    private TopologyOptions options;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws IOException
    {
        final DataDirectory dataDirectory = options.runningDataDirectory();
        if (!Files.exists(dataDirectory.registryFile()) &&
            !Files.exists(new LauncherFiles(dataDirectory).stateFile()))
        {
            throw new LauncherException(ExitCodes.FAILURE, "no procmesh data in " + dataDirectory.root() +
                ": nothing was started with this data directory (use --data-dir?)");
        }
        final StatusReport report = new StatusReader(dataDirectory).read();
        if (json)
        {
            System.out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(report));
        }
        else
        {
            StatusTable.print(report, System.out);
        }
        return ExitCodes.OK;
    }
}
