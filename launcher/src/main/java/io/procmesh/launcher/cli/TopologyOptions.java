package io.procmesh.launcher.cli;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.topology.Topology;
import io.procmesh.launcher.topology.TopologyLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options every command shares: which topology, and which data directory. The data directory is, in order:
 * {@code --data-dir}, the topology's {@code dataDir}, {@code -Dprocmesh.dataDir}, {@code ./procmesh-data}.
 */
public final class TopologyOptions
{
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
        description = "Topology YAML file (default: the bundled demo topology).")
    private Path config;

    @Option(names = {"-d", "--data-dir"}, paramLabel = "DIR",
        description = "Data directory (default: the topology's dataDir, else -Dprocmesh.dataDir, " +
            "else ./procmesh-data).")
    private Path dataDir;

    /**
     * @return the --config topology, or the bundled demo.
     */
    public Topology topology()
    {
        final TopologyLoader loader = new TopologyLoader(TopologyOptions.class.getClassLoader());
        return config != null ? loader.load(config) : loader.loadBundled();
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
