package io.procmesh.launcher.cli;

import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.state.RunningLaunchers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherChoiceTest
{
    private final Path directory = TestDirectories.create("launcher-choice");

    @Test
    void shouldTakeTheOnlyRunningLauncherElseTheDefault() throws IOException
    {
        final Path a = Files.createDirectories(directory.resolve("a"));
        final Path fallback = directory.resolve("procmesh-data");

        assertEquals(a, new LauncherChoice(List.of(entry(1, a)), null).choose(fallback));
        assertEquals(fallback, new LauncherChoice(List.of(), null).choose(fallback));
        assertEquals(fallback, new LauncherChoice(List.of(entry(1, directory.resolve("deleted"))), null)
            .choose(fallback), "a launcher whose data dir is gone is not chosen");
    }

    @Test
    void shouldPreferTheDefaultOfSeveralElseAskForDataDir() throws IOException
    {
        final Path a = Files.createDirectories(directory.resolve("a"));
        final Path b = Files.createDirectories(directory.resolve("b"));
        final List<RunningLaunchers.Entry> two = List.of(entry(11, a), entry(12, b));

        assertEquals(b, new LauncherChoice(two, null).choose(b));
        final LauncherException ex = assertThrows(LauncherException.class,
            () -> new LauncherChoice(two, null).choose(directory.resolve("procmesh-data")));
        assertEquals(ExitCodes.USAGE, ex.exitCode());
        assertEquals("2 launchers are running: " + a + " (pid 11), " + b + " (pid 12); choose one with --data-dir",
            ex.getMessage());
    }

    @Test
    void shouldPickTheLauncherRunningTheGivenTopology() throws IOException
    {
        final Path a = Files.createDirectories(directory.resolve("ta"));
        final Path b = Files.createDirectories(directory.resolve("tb"));
        final Path topology = directory.resolve("shop.yaml");
        Files.createDirectories(b.resolve("launcher"));
        Files.writeString(b.resolve("launcher/state.json"), "{\"topology\": \"" + topology + "\", \"instances\": []}");
        final List<RunningLaunchers.Entry> two = List.of(entry(11, a), entry(12, b));

        assertEquals(b, new LauncherChoice(two, topology).choose(directory.resolve("procmesh-data")));
        assertTrue(Files.isDirectory(a));
    }

    private static RunningLaunchers.Entry entry(final long pid, final Path dataDir)
    {
        return new RunningLaunchers.Entry(pid, 0, dataDir.toString(), "/");
    }
}
