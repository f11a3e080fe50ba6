package io.procmesh.core.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Echo service JVMs ({@link EchoServiceMain}) over one data directory, each recording the requests it handled in a
 * file: for the tests of what a kill, a stop, a restart or a deleted registry does to handling. Closing kills every
 * one still running.
 */
public final class EchoJvms implements AutoCloseable
{
    private final Path dataDir;
    private final Path handled;
    private final List<ChildJvm> children = new ArrayList<>();

    public EchoJvms(final Path dataDir)
    {
        this.dataDir = dataDir;
        this.handled = dataDir.resolve("handled.txt");
    }

    /**
     * @return the file every echo JVM appends the argument of each handled {@code record} to, one a line.
     */
    public Path handled()
    {
        return handled;
    }

    /**
     * Starts echo-1 and waits until it serves.
     */
    public ChildJvm start()
    {
        return start("echo-1", handled, dataDir.resolve("logs/echo-1.log"));
    }

    /**
     * Starts an instance that records what it handled in a file of its own, and waits until it serves.
     *
     * @param handledFile its file's name in the data directory; its log is {@code logs/<handledFile>.log}.
     */
    public ChildJvm start(final String instanceId, final String handledFile)
    {
        return start(instanceId, dataDir.resolve(handledFile), dataDir.resolve("logs/" + handledFile + ".log"));
    }

    private ChildJvm start(final String instanceId, final Path handledFile, final Path log)
    {
        final ChildJvm child = ChildJvm.start(EchoServiceMain.class, log, Duration.ofMinutes(3), List.of(),
            dataDir.toString(), instanceId, handledFile.toString());
        children.add(child);
        child.awaitLogLine("READY " + instanceId, Duration.ofSeconds(60));
        return child;
    }

    /**
     * @return how many requests the instance recording to {@code handledFile} handled so far.
     */
    public long lines(final String handledFile)
    {
        final Path file = dataDir.resolve(handledFile);
        try
        {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        children.forEach(ChildJvm::close);
    }
}
