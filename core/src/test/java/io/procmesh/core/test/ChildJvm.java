package io.procmesh.core.test;

import io.procmesh.core.config.JavaCommand;
import io.procmesh.core.process.ReapedProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real separate JVM for cross-process tests, with the Chronicle flags and this JVM's class path: a
 * {@link ReapedProcess} with no grace, so it has a hard time limit, and close() kills it and its descendants by pid,
 * whatever the test's outcome.
 */
public final class ChildJvm implements AutoCloseable
{
    private final ReapedProcess process;

    private ChildJvm(final ReapedProcess process)
    {
        this.process = process;
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
        return new ChildJvm(ReapedProcess.start(mainClass.getSimpleName(), command, log, hardTimeout, Duration.ZERO));
    }

    /**
     * A child with a command line the test builds itself, e.g. without the Chronicle flags or with a class path
     * that lacks a library: still killed with its descendants on close.
     */
    public static ChildJvm startCommand(
        final String name,
        final List<String> command,
        final Path log,
        final Duration hardTimeout)
    {
        return new ChildJvm(ReapedProcess.start(name, command, log, hardTimeout, Duration.ZERO));
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
        return process.process();
    }

    /**
     * Waits until the child's log holds the marker.
     */
    public void awaitLogLine(final String marker, final Duration timeout)
    {
        process.awaitLog(text -> text.contains(marker), "'" + marker + "'", timeout);
    }

    /**
     * @return what this child wrote to its log (a log shared with earlier children is read from this one's start).
     */
    public String logText()
    {
        return process.logText();
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
        return process.awaitExit(timeout);
    }

    @Override
    public void close()
    {
        if (process.isAlive())
        {
            signal("CONT");
        }
        process.close();
    }
}
