package io.procmesh.launcher;

import io.procmesh.core.config.DataDirectory;

import java.nio.file.Path;

/**
 * The launcher's own files, under {@code <dataDir>/launcher/}, next to the layout of {@link DataDirectory}.
 * <pre>
 * launcher.lock    held (flock) by the running launcher: a second `up` on the same data dir is refused
 * launcher.pid     "pid startEpochMs" of the running launcher, for `down` and `status`
 * state.json       supervisor state of every instance (state, pid, restarts), rewritten on each change
 * status.json      every registry member's slot as of the last health check, for `status` (every 250 ms)
 * children/        {@code <instance>.pid}: the pid of each instance's last child, written the moment it is spawned
 * control/         requests to the running launcher (`restart`), and their results
 * cds/             class-data-sharing archives for child JVMs, one per Java and class path
 * </pre>
 */
public final class LauncherFiles
{
    private final DataDirectory dataDirectory;
    private final Path root;

    public LauncherFiles(final DataDirectory dataDirectory)
    {
        this.dataDirectory = dataDirectory;
        this.root = dataDirectory.root().resolve("launcher");
    }

    public DataDirectory dataDirectory()
    {
        return dataDirectory;
    }

    public Path root()
    {
        return root;
    }

    /**
     * @return {@code <dataDir>/run/config/<service>.json}: the service's {@code config:} block as a JSON object,
     * written (0600) before each start of one of its instances and passed as {@code procmesh.service.configFile}.
     */
    public Path serviceConfigFile(final String service)
    {
        return dataDirectory.root().resolve("run").resolve("config").resolve(service + ".json");
    }

    public Path lockFile()
    {
        return root.resolve("launcher.lock");
    }

    public Path pidFile()
    {
        return root.resolve("launcher.pid");
    }

    public Path stateFile()
    {
        return root.resolve("state.json");
    }

    public Path statusFile()
    {
        return root.resolve("status.json");
    }

    /**
     * The index, in the {@code alerts} topic, of the last alert the webhook delivered.
     */
    public Path alertWebhookIndexFile()
    {
        return root.resolve("alert-webhook.index");
    }

    public Path childPidFile(final String instanceId)
    {
        return root.resolve("children").resolve(instanceId + ".pid");
    }

    public Path controlDirectory()
    {
        return root.resolve("control");
    }

    public Path classDataDirectory()
    {
        return root.resolve("cds");
    }
}
