package io.procmesh.core.test;

import io.procmesh.core.config.JavaCommand;
import io.procmesh.core.process.LoggedProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real separate JVM for cross-process tests, with the Chronicle flags and this JVM's class path.
 * It has a hard time limit, and close() kills it and its descendants by pid, whatever the test's outcome.
 */
public final class ChildJvm implements AutoCloseable
{
    private final Process process;
    private final Path log;
    private final long logStart;
    private final Thread reaper;

    private ChildJvm(final Process process, final Path log, final long logStart, final Duration hardTimeout)
    {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
        this.reaper = new Thread(() ->
        {
            try
            {
                if (!process.waitFor(hardTimeout.toMillis(), TimeUnit.MILLISECONDS))
                {
                    destroyTree(process.toHandle());
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "child-reaper-" + process.pid());
        this.reaper.setDaemon(true);
        this.reaper.start();
    }

    public static ChildJvm start(
        final Class<?> mainClass,
        final Path log,
        final Duration hardTimeout,
        final List<String> systemProperties,
        final String... args)
    {
        final List<String> command = JavaCommand.mainClass(mainClass)
            .jvmOptions(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"))
            .systemProperties(systemProperties)
            .args(args)
            .build();
        try
        {
            final long logStart = Files.exists(log) ? Files.size(log) : 0;
            final Process process = LoggedProcess.start(command, log, true);
            return new ChildJvm(process, log, logStart, hardTimeout);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public long pid()
    {
        return process.pid();
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    public Process process()
    {
        return process;
    }

    /**
     * Waits until the child's log holds the marker line.
     */
    public void awaitLogLine(final String marker, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline)
        {
            if (logText().contains(marker))
            {
                return;
            }
            if (!process.isAlive())
            {
                throw new IllegalStateException("child " + pid() + " exited with " + process.exitValue() +
                    " before printing '" + marker + "'. Log:\n" + logText());
            }
            Await.sleep(20);
        }
        throw new IllegalStateException("child " + pid() + " did not print '" + marker + "' within " + timeout +
            ". Log:\n" + logText());
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
            return "(log unreadable: " + ex + ")";
        }
    }

    public void kill9()
    {
        signal("KILL");
        waitForExit(Duration.ofSeconds(10));
    }

    /**
     * Sends a signal by pid; after STOP, returns only once every thread of the child is stopped.
     */
    public void signal(final String signal)
    {
        Signals.send(process.pid(), signal);
        if ("STOP".equals(signal))
        {
            ThreadStates.awaitStopped(process.pid(), Duration.ofSeconds(10));
        }
    }

    public int waitForExit(final Duration timeout)
    {
        try
        {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                throw new IllegalStateException("child " + pid() + " still running after " + timeout);
            }
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close()
    {
        if (process.isAlive())
        {
            signal("CONT");
        }
        destroyTree(process.toHandle());
        reaper.interrupt();
    }

    private static void destroyTree(final ProcessHandle handle)
    {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try
        {
            handle.onExit().get(10, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("child " + handle.pid() + " did not exit after SIGKILL", ex);
        }
    }
}
