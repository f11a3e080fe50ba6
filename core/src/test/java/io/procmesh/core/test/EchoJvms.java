package io.procmesh.core.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Echo service JVMs ({@link EchoServiceMain}, instance echo-1) over one data directory, each recording the requests
 * it handled in one file: for the tests of what a kill, a restart or a deleted registry does to handling. Closing
 * kills every one still running.
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
        final ChildJvm child = ChildJvm.start(EchoServiceMain.class, dataDir.resolve("logs/echo-1.log"),
            Duration.ofMinutes(3), List.of(), dataDir.toString(), "echo-1", handled.toString());
        children.add(child);
        child.awaitLogLine("READY echo-1", Duration.ofSeconds(60));
        return child;
    }

    @Override
    public void close()
    {
        children.forEach(ChildJvm::close);
    }
}
