package io.procmesh.launcher.state;

import io.procmesh.launcher.LauncherFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * {@code launcher/children/<instance>.pid}: the pid of the instance's last child, written (atomically, fsynced)
 * the moment it is spawned, before the launcher does anything else. A launcher killed before the child registered
 * leaves its pid here, so the next `up` adopts it instead of starting a second one. The pid is only a lead: it is
 * checked against the process's command line before anything is done to it.
 */
public final class ChildPidFile
{
    private ChildPidFile()
    {
    }

    public static void write(final LauncherFiles files, final String instanceId, final long pid) throws IOException
    {
        AtomicFile.write(files.childPidFile(instanceId),
            (pid + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @return the pid last written for the instance, or 0 if none (or the file is unreadable: the /proc scan still
     * finds the process).
     */
    public static long read(final LauncherFiles files, final String instanceId)
    {
        try
        {
            return Long.parseLong(Files.readString(files.childPidFile(instanceId), StandardCharsets.US_ASCII).trim());
        }
        catch (final IOException | NumberFormatException ex)
        {
            return 0;
        }
    }
}
