package io.procmesh.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.state.LauncherStateFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "config", mixinStandardHelpOptions = true,
    description = {
        "Show a service's config, or change it while it runs.",
        "With KEY=VALUE pairs: writes them to the overlay beside the topology (name.overlay.json, 0600),",
        "which the running service polls and applies without a restart, and which outlives restarts.",
        "VALUE is JSON when it parses as JSON (12, true, \"x\", [1,2]), else a string; KEY= removes the key.",
        "Without pairs: every key in force, its value, and whether it comes from the topology or the overlay.",
        "The topology is --config, else the one the running launcher runs."})
final class ConfigCommand implements Callable<Integer>
{
    private static final String FORMAT = "%-24s %-30s %s%n";

    @Mixin
    private TopologyOptions options;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, e.g. inventory.")
    private String service;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Settings to change.")
    private List<String> settings = List.of();

    @Override
    public Integer call() throws IOException
    {
        final Map<String, JsonNode> changes = parse(settings);
        final ConfigOverlay overlay = new ConfigOverlay(topologyFile());
        final Map<String, JsonNode> declared = overlay.topologyConfig(service);
        final PrintStream out = System.out;
        if (changes.isEmpty())
        {
            print(out, declared, overlay.overlayConfig(service));
            return ExitCodes.OK;
        }
        overlay.update(service, changes);
        for (final Map.Entry<String, JsonNode> change : changes.entrySet())
        {
            out.println("procmesh: " + service + ": " + change.getKey() + (change.getValue() == null ?
                " removed from the overlay" + (declared.containsKey(change.getKey()) ? " (back to the topology's " +
                    declared.get(change.getKey()) + ")" : "") :
                " = " + change.getValue()));
        }
        out.println("procmesh: written to " + overlay.file() + "; a running " + service +
            " applies it without a restart");
        return ExitCodes.OK;
    }

    /**
     * @return KEY to its parsed VALUE (null: remove), in the order given.
     * @throws LauncherException (usage) for a pair without '=' or a KEY that is not a name.
     */
    static Map<String, JsonNode> parse(final List<String> settings)
    {
        final Map<String, JsonNode> changes = new LinkedHashMap<>();
        for (final String setting : settings)
        {
            final int equals = setting.indexOf('=');
            final String key = equals < 0 ? setting : setting.substring(0, equals);
            if (equals < 0 || !ConfigOverlay.KEY.matcher(key).matches())
            {
                throw new LauncherException(ExitCodes.USAGE, "bad setting '" + setting + "': expected KEY=VALUE " +
                    "with KEY a name (letters, digits, '_', '.', '-'; not starting with a digit)");
            }
            changes.put(key, ConfigOverlay.parseValue(setting.substring(equals + 1)));
        }
        return changes;
    }

    private static void print(final PrintStream out, final Map<String, JsonNode> declared,
        final Map<String, JsonNode> overlaid)
    {
        out.printf(FORMAT, "KEY", "VALUE", "SOURCE");
        final TreeSet<String> keys = new TreeSet<>(declared.keySet());
        keys.addAll(overlaid.keySet());
        for (final String key : keys)
        {
            if (overlaid.containsKey(key))
            {
                out.printf(FORMAT, key, overlaid.get(key), "overlay" +
                    (declared.containsKey(key) ? " (topology: " + declared.get(key) + ")" : ""));
            }
            else
            {
                out.printf(FORMAT, key, declared.get(key), "topology");
            }
        }
    }

    /**
     * @return --config, else the topology file the running launcher (or the last one on this data dir) runs.
     */
    private Path topologyFile() throws IOException
    {
        if (options.config() != null)
        {
            return options.config().toAbsolutePath().normalize();
        }
        final DataDirectory dataDirectory = options.runningDataDirectory();
        final LauncherState state = new LauncherStateFile(new LauncherFiles(dataDirectory).stateFile()).read()
            .orElseThrow(() -> new LauncherException(ExitCodes.FAILURE, "no launcher has run on " +
                dataDirectory.root() + ", so its topology is unknown: start it with 'procmesh up' or pass --config"));
        final Path topology = Path.of(state.topology());
        if (!topology.isAbsolute() || !Files.isRegularFile(topology))
        {
            throw new LauncherException(ExitCodes.FAILURE, "the launcher on " + dataDirectory.root() + " runs '" +
                state.topology() + "', which is not a topology file (the bundled demo?): pass --config FILE");
        }
        return topology;
    }
}
