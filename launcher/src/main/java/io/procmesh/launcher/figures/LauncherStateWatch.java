package io.procmesh.launcher.figures;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.state.LauncherStateFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads a running launcher's {@code launcher/state.json} from another process and waits for a state. Polling
 * only decides when a change is seen; the launcher stamps each change itself ({@code stateSinceNs},
 * {@code lastExitDetectedNs}), so measurements read those stamps rather than the time of the poll.
 */
public final class LauncherStateWatch
{
    public static final long POLL_MS = 20;

    private final Path dataDir;
    private final LauncherStateFile file;

    public LauncherStateWatch(final Path dataDir)
    {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.file = new LauncherStateFile(new LauncherFiles(new DataDirectory(this.dataDir)).stateFile());
    }

    public Path dataDir()
    {
        return dataDir;
    }

    /**
     * @return the last state the launcher wrote, or empty before its first.
     */
    public Optional<LauncherState> latest() throws IOException
    {
        return file.read();
    }

    /**
     * @return the first state seen that matches the condition.
     * @throws IllegalStateException with the last state seen when none matched in time.
     */
    public LauncherState await(final Predicate<LauncherState> condition, final Duration timeout)
        throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        LauncherState last = null;
        while (true)
        {
            final LauncherState state = file.read().orElse(null);
            if (state != null)
            {
                last = state;
                if (condition.test(state))
                {
                    return state;
                }
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("no launcher state in " + dataDir + " matched within " + timeout +
                    "; last seen: " + last);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
    }

    /**
     * @return a state where the topology's instances are listed and every one is in that state.
     */
    public LauncherState awaitAll(
        final InstanceState expected, final Duration timeout) throws IOException, InterruptedException
    {
        return await(state -> !state.instances().isEmpty() &&
            state.instances().stream().allMatch(instance -> instance.state() == expected), timeout);
    }
}
