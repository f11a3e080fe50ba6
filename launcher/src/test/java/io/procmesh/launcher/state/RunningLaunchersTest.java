package io.procmesh.launcher.state;

import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RunningLaunchersTest
{
    @Test
    void shouldRecordThisProcessPrivatelyAndForgetLaunchersThatAreGone() throws IOException
    {
        final Path runtime = TestDirectories.create("running-launchers").resolve("runtime");
        final RunningLaunchers launchers = new RunningLaunchers(runtime);
        final Path dataDir = runtime.resolveSibling("data");

        final Path file = launchers.register(dataDir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(launchers.directory())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        final long self = ProcessHandle.current().pid();
        assertEquals(List.of(self), launchers.live().stream().map(RunningLaunchers.Entry::pid).toList());
        assertEquals(dataDir.toAbsolutePath().toString(), launchers.live().get(0).dataDir());

        // A killed launcher's file: its pid now belongs to this process, with another start time.
        final Path stale = launchers.directory().resolve("1.json");
        Files.writeString(stale, "{\"pid\": " + self + ", \"startMs\": 1, \"dataDir\": \"/x\", \"workDir\": \"/\"}");
        final Path torn = launchers.directory().resolve("2.json");
        Files.writeString(torn, "{\"pid\": ");
        assertEquals(1, launchers.live().size());
        assertFalse(Files.exists(stale), "a gone launcher's file is deleted");
        assertFalse(Files.exists(torn));

        RunningLaunchers.unregister(file);
        assertEquals(List.of(), launchers.live());
    }
}
