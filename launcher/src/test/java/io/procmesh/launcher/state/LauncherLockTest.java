package io.procmesh.launcher.state;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.LauncherFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 17: `down` reading launcher.pid while a launcher takes the lock must see no file or the whole pid,
 * never an empty file (it would take the launcher for gone and stop its instances behind its back).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherLockTest
{
    private static final int LOCKS = 300;

    @Test
    void shouldNeverShowAnEmptyPidFile() throws Exception
    {
        final LauncherFiles files = new LauncherFiles(new DataDirectory(TestDirectories.create("launcher-lock")));
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicInteger empty = new AtomicInteger();
        final AtomicInteger whole = new AtomicInteger();
        final Thread reader = new Thread(() ->
        {
            while (!done.get())
            {
                try
                {
                    final String content = Files.readString(files.pidFile(), StandardCharsets.UTF_8);
                    (content.isEmpty() ? empty : whole).incrementAndGet();
                }
                catch (final NoSuchFileException ex)
                {
                    // Between two launchers: no launcher, correctly.
                }
                catch (final IOException ex)
                {
                    throw new AssertionError(ex);
                }
            }
        }, "pid-file-reader");
        reader.start();
        try
        {
            for (int i = 0; i < LOCKS; i++)
            {
                try (LauncherLock ignored = LauncherLock.acquire(files))
                {
                    assertTrue(RunningLauncher.find(files).isPresent(), "the holder is found");
                }
            }
        }
        finally
        {
            done.set(true);
            reader.join();
        }

        assertEquals(0, empty.get(), "empty reads, with " + whole.get() + " whole ones");
        assertTrue(whole.get() > 0, "the reader saw the file at all");
    }
}
