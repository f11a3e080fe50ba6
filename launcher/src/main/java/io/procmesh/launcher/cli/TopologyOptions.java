package io.procmesh.launcher.cli;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.topology.Topology;
import io.procmesh.launcher.topology.TopologyLoader;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options every command shares: which topology, and which data directory. The data directory is, in order:
 * {@code --data-dir}, the topology's {@code dataDir}, {@code -Dprocmesh.dataDir}, {@code ./procmesh-data}.
 */
public final class TopologyOptions
{
    /**
     * The demo's topology in a procmesh checkout, taken when {@code --config} is not given and it exists in the
     * working directory ({@code ./procmesh} runs from the checkout and passes it itself).
     */
    public static final Path DEMO_TOPOLOGY = Path.of("services", "procmesh-demo.yaml");

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "Topology YAML file (default: services/procmesh-demo.yaml, the demo, when it exists here).")
    private Path config;

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
        description = "Data directory (default: the topology's dataDir, else -Dprocmesh.dataDir, " +
            "else ./procmesh-data).")
    private Path dataDir;

    /**
     * @return the --config topology, or the demo's when run from a procmesh checkout.
     * @throws LauncherException (usage) when there is neither.
     */
    public Topology topology()
    {
        final TopologyLoader loader = new TopologyLoader(TopologyOptions.class.getClassLoader());
        if (config != null)
        {
            return loader.load(config);
        }
        if (!Files.isRegularFile(DEMO_TOPOLOGY))
        {
            throw new LauncherException(ExitCodes.USAGE, "no topology: pass --config FILE (the demo's is " +
                DEMO_TOPOLOGY + " in a procmesh checkout)");
        }
        return loader.load(DEMO_TOPOLOGY);
    }

    /**
     * @return the --config topology if one was given, else null: commands other than up only need it for
     * its dataDir.
     */
    public Topology configuredTopology()
    {
        return config != null ? topology() : null;
    }

    public DataDirectory dataDirectory(final Topology topology)
    {
        if (dataDir != null)
        {
            return new DataDirectory(dataDir);
        }
        if (topology != null && topology.dataDir() != null)
        {
            return new DataDirectory(topology.dataDir());
        }
        return new DataDirectory(Path.of(Configuration.dataDir()));
    }
}
