package io.procmesh.launcher.supervisor;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.process.ChildClassPath;
import io.procmesh.launcher.process.ChildSpawner;
import io.procmesh.launcher.recovery.RecoverableRegistry;
import io.procmesh.launcher.recovery.RegistryAccess;
import io.procmesh.launcher.state.ControlDirectory;
import io.procmesh.launcher.state.LauncherStateFile;
import io.procmesh.launcher.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 10 item 5: the launcher's Contexts conclude once, as Aeron's do.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContextConcludeTest
{
    private static final Topology EMPTY = new Topology("test", null, 100, 1_000, List.of(), List.of(), null);

    private final DataDirectory dataDirectory = new DataDirectory(TestDirectories.create("context-conclude"));

    @Test
    void shouldRefuseASecondConcludeOfALauncherContext()
    {
        final Launcher.Context context = new Launcher.Context()
            .topology(EMPTY)
            .dataDirectory(dataDirectory)
            .classPath(ChildClassPath.ofThisJvm());
        context.conclude();

        final IllegalStateException error = assertThrows(IllegalStateException.class, context::conclude);
        assertEquals("Launcher.Context is already concluded: conclude() runs once per Context", error.getMessage());
    }

    @Test
    void shouldRefuseASecondConcludeOfASupervisorContext()
    {
        try (RecoverableRegistry registry = RegistryAccess.openForLauncher(dataDirectory, 16, Optional.empty()))
        {
            final Supervisor.Context context = new Supervisor.Context()
                .topology(EMPTY)
                .registry(registry)
                .spawner(new ChildSpawner(dataDirectory, ChildClassPath.ofThisJvm(), null))
                .stateFile(new LauncherStateFile(dataDirectory.root().resolve("launcher.state")))
                .control(new ControlDirectory(dataDirectory.root().resolve("control")))
                .errorHandler(Throwable::printStackTrace);
            context.conclude();

            final IllegalStateException error = assertThrows(IllegalStateException.class, context::conclude);
            assertEquals("Supervisor.Context is already concluded: conclude() runs once per Context",
                error.getMessage());
        }
    }
}
