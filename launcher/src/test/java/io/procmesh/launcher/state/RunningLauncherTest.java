package io.procmesh.launcher.state;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.LauncherFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A verb that finds no launcher says why: nothing when no launcher.pid exists, else the pid that exited or the
 * start time that does not match.
 */
class RunningLauncherTest
{
    @Test
    void shouldSayWhyNoLauncherIsFound() throws Exception
    {
        final LauncherFiles files = new LauncherFiles(new DataDirectory(TestDirectories.create("running-launcher")));
        Files.createDirectories(files.pidFile().getParent());
        assertTrue(RunningLauncher.find(files).isEmpty());
        assertEquals("", RunningLauncher.whyNone(files));

        final ProcessHandle self = ProcessHandle.current();
        Files.writeString(files.pidFile(), RunningLauncher.describe(self), StandardCharsets.UTF_8);
        assertEquals(self.pid(), RunningLauncher.find(files).orElseThrow().pid());

        final long recordedMs = RunningLauncher.startMs(self) - 3 * RunningLauncher.START_SLACK_MS;
        Files.writeString(files.pidFile(), self.pid() + " " + recordedMs, StandardCharsets.UTF_8);
        assertTrue(RunningLauncher.find(files).isEmpty());
        assertEquals("pid " + self.pid() + " started at " + RunningLauncher.startMs(self) + " ms, not at " +
            recordedMs + " ms as recorded: another process", RunningLauncher.whyNone(files));

        final Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Files.writeString(files.pidFile(), exited.pid() + " 1", StandardCharsets.UTF_8);
        assertEquals("its launcher, pid " + exited.pid() + ", has exited", RunningLauncher.whyNone(files));

        Files.writeString(files.pidFile(), "torn", StandardCharsets.UTF_8);
        assertEquals("launcher.pid holds no pid and start time", RunningLauncher.whyNone(files));
    }
}
