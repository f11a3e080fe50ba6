package io.procmesh.launcher.state;

import io.procmesh.launcher.LauncherFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the launcher running on a data directory from its pid file, for `down`, `status` and `restart`. The pid
 * must be alive and have the start time the launcher recorded, so a reused pid is never mistaken for it.
 */
public final class RunningLauncher
{
    static final long START_SLACK_MS = 2_000;

    private RunningLauncher()
    {
    }

    /**
     * @return "pid startEpochMs", the pid file's content for this process.
     */
    static String describe(final ProcessHandle process)
    {
        return process.pid() + " " + startMs(process) + System.lineSeparator();
    }

    public static Optional<ProcessHandle> find(final LauncherFiles files)
    {
        final String content;
        try
        {
            content = Files.readString(files.pidFile(), StandardCharsets.UTF_8).trim();
        }
        catch (final NoSuchFileException ex)
        {
            return Optional.empty();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + files.pidFile() + ": " + ex.getMessage(), ex);
        }
        final String[] fields = content.split("\\s+");
        if (fields.length != 2)
        {
            return Optional.empty();
        }
        final long pid;
        final long startMs;
        try
        {
            pid = Long.parseLong(fields[0]);
            startMs = Long.parseLong(fields[1]);
        }
        catch (final NumberFormatException ex)
        {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(handle -> handle.isAlive() && startedAt(handle, startMs));
    }

    /**
     * @return why {@link #find} found no launcher, for the line a verb fails with: "" with no pid file (no launcher
     * ever ran, or it stopped), else a pid that exited, or a pid whose start time is not the one recorded (a reused
     * pid, or a clock moved by more than the slack).
     */
    public static String whyNone(final LauncherFiles files)
    {
        final String content;
        try
        {
            content = Files.readString(files.pidFile(), StandardCharsets.UTF_8).trim();
        }
        catch (final NoSuchFileException ex)
        {
            return "";
        }
        catch (final IOException ex)
        {
            return "cannot read " + files.pidFile().getFileName() + ": " + ex.getMessage();
        }
        final String[] fields = content.split("\\s+");
        final Optional<ProcessHandle> process = fields.length == 2 && fields[0].matches("[0-9]{1,18}") ?
            ProcessHandle.of(Long.parseLong(fields[0])) : Optional.empty();
        if (fields.length != 2 || !fields[1].matches("[0-9]{1,18}"))
        {
            return files.pidFile().getFileName() + " holds no pid and start time";
        }
        if (process.isEmpty() || !process.get().isAlive())
        {
            return "its launcher, pid " + fields[0] + ", has exited";
        }
        return "pid " + fields[0] + " started at " + startMs(process.get()) + " ms, not at " + fields[1] +
            " ms as recorded: another process";
    }

    static long startMs(final ProcessHandle process)
    {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /**
     * @return whether the process started when {@code startMs} says, as far as a wall-clock start time can tell:
     * Java derives it from the kernel's boot time, which the kernel derives from the wall clock at each read, so
     * a clock adjustment moves it. A pid reused by another process within that slack is not a case to guard.
     */
    static boolean startedAt(final ProcessHandle process, final long startMs)
    {
        final long actualMs = startMs(process);
        return actualMs != 0 && Math.abs(actualMs - startMs) <= START_SLACK_MS;
    }
}
