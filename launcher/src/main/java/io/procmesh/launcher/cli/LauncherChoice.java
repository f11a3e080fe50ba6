package io.procmesh.launcher.cli;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.state.LauncherStateFile;
import io.procmesh.launcher.state.RunningLaunchers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which running launcher a verb given no {@code --data-dir} is about. One running: that one. Several: the one
 * whose data directory is this directory's default (or, with {@code --config}, the one running that topology),
 * else the verb refuses with one line listing them. None: the default, as before launchers recorded themselves.
 */
final class LauncherChoice
{
    private final List<RunningLaunchers.Entry> running;
    private final Path config;

    /**
     * @param config the --config file, or null.
     */
    LauncherChoice(final List<RunningLaunchers.Entry> running, final Path config)
    {
        this.running = running;
        this.config = config;
    }

    Path choose(final Path fallback)
    {
        final List<RunningLaunchers.Entry> candidates = new ArrayList<>();
        for (final RunningLaunchers.Entry entry : running)
        {
            if (Files.isDirectory(Path.of(entry.dataDir())) && (config == null || runs(entry, config)))
            {
                candidates.add(entry);
            }
        }
        if (candidates.isEmpty())
        {
            return fallback;
        }
        if (candidates.size() == 1)
        {
            return Path.of(candidates.get(0).dataDir());
        }
        final Path wanted = fallback.toAbsolutePath().normalize();
        for (final RunningLaunchers.Entry entry : candidates)
        {
            if (Path.of(entry.dataDir()).equals(wanted))
            {
                return wanted;
            }
        }
        final List<String> listed = new ArrayList<>();
        for (final RunningLaunchers.Entry entry : candidates)
        {
            listed.add(entry.dataDir() + " (pid " + entry.pid() + ")");
        }
        throw new LauncherException(ExitCodes.USAGE, candidates.size() + " launchers are running: " +
            String.join(", ", listed) + "; choose one with --data-dir");
    }

    /**
     * @return true if the launcher runs the topology file (its state.json names it).
     */
    private static boolean runs(final RunningLaunchers.Entry entry, final Path config)
    {
        final LauncherFiles files = new LauncherFiles(new DataDirectory(Path.of(entry.dataDir())));
        try
        {
            final String wanted = config.toAbsolutePath().normalize().toString();
            return new LauncherStateFile(files.stateFile()).read()
                .map(state -> wanted.equals(state.topology())).orElse(false);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
