package io.procmesh.launcher.process;

import io.procmesh.core.test.Await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real zombie that is not this JVM's child: {@code sh -c 'sleep 0.1 & exec sleep 120'} leaves the short sleep
 * exited and unreaped under a parent that never waits, as an adopted service is when whoever inherited it does not
 * reap. close() kills the parent (our own child, by pid), after which the zombie is reaped.
 */
public final class Zombie implements AutoCloseable
{
    private final Process parent;
    private final ProcessHandle zombie;

    public Zombie()
    {
        try
        {
            parent = new ProcessBuilder("sh", "-c", "sleep 0.1 & exec sleep 120")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final ProcessHandle[] child = new ProcessHandle[1];
        Await.until(() ->
        {
            child[0] = parent.toHandle().children().findFirst().orElse(null);
            return child[0] != null && "Z".equals(state(child[0].pid()));
        }, Duration.ofSeconds(10), () -> "no zombie under pid " + parent.pid());
        zombie = child[0];
    }

    public ProcessHandle handle()
    {
        return zombie;
    }

    static String state(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"),
                StandardCharsets.US_ASCII);
            return stat.substring(stat.lastIndexOf(')') + 1).trim().substring(0, 1);
        }
        catch (final IOException ex)
        {
            return "gone";
        }
    }

    @Override
    public void close()
    {
        parent.destroyForcibly();
        try
        {
            parent.waitFor(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
