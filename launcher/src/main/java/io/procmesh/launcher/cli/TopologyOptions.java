package io.procmesh.launcher.cli;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.LauncherConfiguration;
import io.procmesh.launcher.state.RunningLaunchers;
import io.procmesh.launcher.topology.Topology;
import io.procmesh.launcher.topology.TopologyLoader;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options every command shares: which topology, and which data directory. For `up` the data directory is, in
 * order: {@code --data-dir}, the topology's {@code dataDir}, {@code -Dprocmesh.dataDir}, {@code ./procmesh-data}.
 * The other verbs act on a running launcher and find it without being told: see {@link #runningDataDirectory()}.
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
        description = "Data directory (default for up: the topology's dataDir, else -Dprocmesh.dataDir, " +
            "else ./procmesh-data; the other commands use the running launcher's when none is given).")
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

    /**
     * @return the --config file, or null.
     */
    public Path config()
    {
        return config;
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

    /**
     * The data directory of the launcher the command is about: {@code --data-dir}, else the {@code --config}
     * topology's {@code dataDir}, else {@code -Dprocmesh.dataDir} if set, else the running launcher (the one
     * recorded in the runtime directory whose process is alive; of several, the one whose data directory is
     * this directory's default, else the command asks for {@code --data-dir}), else {@code ./procmesh-data}.
     */
    public DataDirectory runningDataDirectory()
    {
        if (dataDir != null)
        {
            return new DataDirectory(dataDir);
        }
        final Topology topology = configuredTopology();
        if ((topology != null && topology.dataDir() != null) ||
            System.getProperty(Configuration.DATA_DIR_PROP_NAME) != null)
        {
            return dataDirectory(topology);
        }
        final Path fallback = Path.of(Configuration.dataDir());
        return new DataDirectory(new LauncherChoice(new RunningLaunchers(LauncherConfiguration.runtimeDir()).live(),
            config).choose(fallback));
    }
}
