package io.procmesh.core.process;

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
import java.util.function.Predicate;

/**
 * A child process with its output in a log file ({@link LoggedProcess}) and a hard time limit, enforced by a reaper
 * thread; {@link #close()} kills it and its descendants by pid whatever happened before, and a JVM shutdown hook
 * does the same for any child still alive if this JVM is stopped. The one handle of the benchmarks' partner
 * processes and of the tests' child JVMs (the launcher supervises its services through its own ChildProcess).
 */
public final class ReapedProcess implements AutoCloseable
{
    private static final Duration TERM_GRACE = Duration.ofSeconds(3);
    private static final long KILL_WAIT_MS = 10_000;
    private static final long POLL_MS = 20;
    private static final Set<ReapedProcess> LIVE = ConcurrentHashMap.newKeySet();

    static
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ReapedProcess::close),
            "reaped-process-killer"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final long logStart;
    private final Duration termGrace;
    private final Thread reaper;
    private final long startedNs = System.nanoTime();

    private ReapedProcess(
        final String name,
        final Process process,
        final Path log,
        final long logStart,
        final Duration hardTimeout,
        final Duration termGrace)
    {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
        this.termGrace = termGrace;
        this.reaper = new Thread(() -> reapAfter(hardTimeout), "reaper-" + process.pid());
        this.reaper.setDaemon(true);
        LIVE.add(this);
        this.reaper.start();
    }

    /**
     * As {@link #start(String, List, Path, Duration, Duration)}, with 3 s for the child to stop after SIGTERM.
     */
    public static ReapedProcess start(
        final String name,
        final List<String> command,
        final Path log,
        final Duration hardTimeout)
    {
        return start(name, command, log, hardTimeout, TERM_GRACE);
    }

    /**
     * @param log         where its output goes; appended to, when it exists, and read from this child's start.
     * @param hardTimeout it is killed, with its descendants, once it has run this long.
     * @param termGrace   how long {@link #close()} lets it stop after SIGTERM before SIGKILL; zero for SIGKILL at once.
     */
    public static ReapedProcess start(
        final String name,
        final List<String> command,
        final Path log,
        final Duration hardTimeout,
        final Duration termGrace)
    {
        try
        {
            final long logStart = Files.exists(log) ? Files.size(log) : 0;
            final Process process = LoggedProcess.start(command, log, true);
            return new ReapedProcess(name, process, log, logStart, hardTimeout, termGrace);
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
                appendToLog("\n[procmesh] " + name + " passed its hard time limit of " + hardTimeout + ": killed\n");
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

    public Process process()
    {
        return process;
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
        final String text = awaitLog(log -> firstLine(log, prefix) != null, "'" + prefix + "'", timeout);
        return firstLine(text, prefix);
    }

    /**
     * Waits until the child's output passes the test.
     *
     * @param what what the test looks for, for the failure.
     * @return the output that passed.
     * @throws IllegalStateException if the child exits first or the timeout passes.
     */
    public String awaitLog(final Predicate<String> found, final String what, final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadlineNs < 0)
        {
            final String text = logText();
            if (found.test(text))
            {
                return text;
            }
            if (!process.isAlive())
            {
                throw new IllegalStateException(name + " (pid " + pid() + ") exited with " + process.exitValue() +
                    " before printing " + what + "; see " + log + "\n" + tail());
            }
            sleepMs(POLL_MS);
        }
        throw new IllegalStateException(name + " (pid " + pid() + ") did not print " + what + " within " +
            timeout + "; see " + log + "\n" + tail());
    }

    private static String firstLine(final String text, final String prefix)
    {
        for (final String line : text.split("\n"))
        {
            if (line.startsWith(prefix))
            {
                return line.trim();
            }
        }
        return null;
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

    /**
     * @return what this child wrote to its log (a log shared with earlier children is read from this one's start).
     */
    public String logText()
    {
        try
        {
            if (!Files.exists(log))
            {
                return "";
            }
            final byte[] all = Files.readAllBytes(log);
            final int from = (int)Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
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
     * Asks the child to stop (SIGTERM), then kills it and its descendants (SIGKILL) if it has not within the grace
     * period given at start; with no grace, kills at once. Safe to call more than once.
     */
    @Override
    public void close()
    {
        // Taken first: once the parent is dead its children are re-parented and no longer found from it.
        final List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive() && !termGrace.isZero())
        {
            descendants.forEach(ProcessHandle::destroy);
            process.destroy();
            try
            {
                process.waitFor(termGrace.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        try
        {
            kill(descendants);
        }
        finally
        {
            reaper.interrupt();
            LIVE.remove(this);
        }
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
            System.err.println("[procmesh] cannot append to " + log + ": " + ex);
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
