package io.procmesh.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.incident.Incidents;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "incidents", mixinStandardHelpOptions = true,
    description = {
        "List the incidents the launcher wrote up (an instance that died, or was killed as hung or stuck),",
        "oldest first; with an ID, show one: what happened, its counters, the last messages of its inbox and",
        "the last lines of its log. Each is a folder under incidents/ in the data dir."})
final class IncidentsCommand implements Callable<Integer>
{
    @Mixin
    private TopologyOptions options;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "An incident's id, as the list or an alert gives it.")
    private String id;

    @Override
    public Integer call() throws IOException
    {
        final DataDirectory dataDirectory = options.runningDataDirectory();
        final List<Path> all = Incidents.list(dataDirectory);
        final PrintStream out = System.out;
        final ObjectMapper json = new ObjectMapper();
        if (id == null)
        {
            if (all.isEmpty())
            {
                out.println("no incidents in " + dataDirectory.root());
            }
            for (final Path folder : all)
            {
                final JsonNode incident = read(json, folder);
                out.println(folder.getFileName() + "  " + (incident == null ? "(being written)" :
                    Instant.ofEpochMilli(incident.get("atMs").asLong()) + "  " + incident.get("instance").asText() +
                    " pid " + incident.get("pid").asLong() + " " + incident.get("what").asText() + ": " +
                    incident.get("detail").asText()));
            }
            return ExitCodes.OK;
        }
        final Path folder = all.stream().filter(path -> path.getFileName().toString().equals(id)).findFirst()
            .orElseThrow(() -> new LauncherException(ExitCodes.USAGE, "no incident '" + id + "' in " +
                Incidents.incidents(dataDirectory) + " ('procmesh incidents' lists them)"));
        for (final String file : List.of("incident.json", "inbox.txt", "log.txt"))
        {
            final Path path = folder.resolve(file);
            out.println("== " + path);
            out.println(Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8).stripTrailing() :
                "(not written)");
        }
        return ExitCodes.OK;
    }

    private static JsonNode read(final ObjectMapper json, final Path folder)
    {
        try
        {
            return json.readTree(folder.resolve("incident.json").toFile());
        }
        catch (final IOException ex)
        {
            return null;
        }
    }
}
