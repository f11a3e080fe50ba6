package io.procmesh.launcher.process;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The /proc scan behind adoption, `down` and the shutdown's last resort (issue 9 items 12 and 15): it finds
 * processes by their command line alone, names the data directory however it was spelt, and nothing else.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InstanceProcessesTest
{
    private final Path directory = TestDirectories.create("instance-processes");
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp()
    {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void shouldFindAnInstanceByItsCommandLineWhateverLinkNamesTheDataDirectory() throws IOException
    {
        final Path dataDir = Files.createDirectories(directory.resolve("data"));
        final Path link = Files.createSymbolicLink(directory.resolve("link"), dataDir);
        final Process ours = instance("x-1", link.resolve(".").resolve("..").resolve("link"));
        final Process other = instance("x-1", Files.createDirectories(directory.resolve("other")));

        final List<InstanceProcesses.Found> found = InstanceProcesses.scan(dataDir);

        assertEquals(1, found.size(), found.toString());
        assertEquals("x-1", found.get(0).instanceId());
        assertEquals(ours.pid(), found.get(0).process().pid());
        assertTrue(InstanceProcesses.find(ours.pid(), "x-1", dataDir).isPresent());
        assertTrue(InstanceProcesses.find(other.pid(), "x-1", dataDir).isEmpty(), "another data directory");
        assertTrue(InstanceProcesses.find(ours.pid(), "x-2", dataDir).isEmpty(), "another instance");
    }

    @Test
    void shouldKillEveryInstanceOfTheDataDirectoryAsALastResort() throws IOException
    {
        final Path dataDir = Files.createDirectories(directory.resolve("data"));
        final Process first = instance("x-1", dataDir);
        final Process second = instance("y-1", dataDir);
        final Process other = instance("x-1", Files.createDirectories(directory.resolve("other")));

        assertEquals(List.of(), LastResort.killAll(new DataDirectory(dataDir)));

        Await.until(() -> !first.isAlive() && !second.isAlive(), Duration.ofSeconds(10), () -> "still running");
        assertTrue(other.isAlive(), "another data directory's process is left alone");
    }

    /**
     * @return a shell whose command line carries the instance's options, as a service JVM's does.
     */
    private Process instance(final String instanceId, final Path dataDir)
    {
        try
        {
            final Process process = new ProcessBuilder("sh", "-c", "while :; do sleep 1; done",
                InstanceProcesses.instanceIdOption(instanceId), InstanceProcesses.dataDirOption(dataDir))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            started.add(process);
            return process;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
