package io.procmesh.benchmarks.harness;

import io.procmesh.core.process.LoggedProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process the suite started: a partner JVM or the Python baseline. Its output goes to a log file. It has a hard
 * time limit, enforced by a reaper thread, and {@link #close()} kills it and its descendants by pid whatever
 * happened before. A JVM shutdown hook does the same for any child still alive if the suite itself is stopped.
 */
public final class ChildProcess implements AutoCloseable
{
    private static final long TERM_GRACE_MS = 3_000;
    private static final long KILL_WAIT_MS = 10_000;
    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildProcess::close),
            "bench-child-killer"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread reaper;
    private final long startedNs = System.nanoTime();

    private ChildProcess(final String name, final Process process, final Path log, final Duration hardTimeout)
    {
        this.name = name;
        this.process = process;
        this.log = log;
        this.reaper = new Thread(() -> reapAfter(hardTimeout), "bench-reaper-" + process.pid());
        this.reaper.setDaemon(true);
        LIVE.add(this);
        this.reaper.start();
    }

    public static ChildProcess start(
        final String name,
        final List<String> command,
        final Path log,
        final Duration hardTimeout)
    {
        try
        {
            final Process process = LoggedProcess.start(command, log, false);
            return new ChildProcess(name, process, log, hardTimeout);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + "): " + ex.getMessage(),
                ex);
        }
    }

    private void reapAfter(final Duration hardTimeout)
    {
        try
        {
            if (!process.waitFor(hardTimeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                appendToLog("\n[bench] " + name + " passed its hard time limit of " + hardTimeout + ": killed\n");
                kill(process.descendants().toList());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    public String name()
    {
        return name;
    }

    public long pid()
    {
        return process.pid();
    }

    public Path log()
    {
        return log;
    }

    /**
     * @return milliseconds since this process was started.
     */
    public long ageMs()
    {
        return (System.nanoTime() - startedNs) / 1_000_000;
    }

    /**
     * Waits for a line starting with {@code prefix} in the child's output.
     *
     * @return that line.
     */
    public String awaitLine(final String prefix, final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadlineNs < 0)
        {
            for (final String line : logText().split("\n"))
            {
                if (line.startsWith(prefix))
                {
                    return line.trim();
                }
            }
            if (!process.isAlive())
            {
                throw new IllegalStateException(name + " (pid " + pid() + ") exited with " + process.exitValue() +
                    " before printing '" + prefix + "'; see " + log + "\n" + tail());
            }
            sleepMs(20);
        }
        throw new IllegalStateException(name + " (pid " + pid() + ") did not print '" + prefix + "' within " +
            timeout + "; see " + log + "\n" + tail());
    }

    /**
     * Waits for the child to end by itself.
     *
     * @return its exit code.
     */
    public int awaitExit(final Duration timeout)
    {
        try
        {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                throw new IllegalStateException(name + " (pid " + pid() + ") still running after " + timeout +
                    "; see " + log);
            }
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + name, ex);
        }
    }

    public String logText()
    {
        try
        {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        }
        catch (final IOException ex)
        {
            return "(log " + log + " unreadable: " + ex + ")";
        }
    }

    /**
     * @return the last lines of the log, for error messages.
     */
    public String tail()
    {
        final String[] lines = logText().split("\n");
        final int from = Math.max(0, lines.length - 20);
        return String.join("\n", Arrays.copyOfRange(lines, from, lines.length));
    }

    /**
     * Sends SIGTERM to this process only (not its descendants: a launcher stops its own children in order) and
     * waits for it to exit.
     *
     * @return its exit code.
     * @throws IllegalStateException if it is still running after the grace period; {@link #close()} then kills it.
     */
    public int terminate(final Duration grace)
    {
        process.destroy();
        return awaitExit(grace);
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * Asks the child to stop (SIGTERM), then kills it and its descendants (SIGKILL) if it has not within a grace
     * period. Safe to call more than once.
     */
    @Override
    public void close()
    {
        // Taken first: once the parent is dead its children are re-parented and no longer found from it.
        final List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive())
        {
            descendants.forEach(ProcessHandle::destroy);
            process.destroy();
            try
            {
                process.waitFor(TERM_GRACE_MS, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        kill(descendants);
        reaper.interrupt();
        LIVE.remove(this);
    }

    private void kill(final List<ProcessHandle> descendants)
    {
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try
        {
            process.toHandle().onExit().get(KILL_WAIT_MS, TimeUnit.MILLISECONDS);
            for (final ProcessHandle descendant : descendants)
            {
                descendant.onExit().get(KILL_WAIT_MS, TimeUnit.MILLISECONDS);
            }
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IllegalStateException(name + " (pid " + pid() + ") did not exit after SIGKILL", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void appendToLog(final String text)
    {
        try
        {
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            System.err.println("[bench] cannot append to " + log + ": " + ex);
        }
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }
}
