package io.procmesh.core.test;

import io.procmesh.core.rpc.ServiceException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;

/**
 * Records each handled token as a line in a file, so a test in another JVM can count handler runs.
 */
public final class EchoService implements EchoApi
{
    private final Path handledFile;

    /**
     * The system property naming the handled file when {@code ServiceMain} builds the service (no argument).
     */
    public static final String HANDLED_FILE_PROP_NAME = "procmesh.test.handledFile";

    public EchoService(final Path handledFile)
    {
        this.handledFile = handledFile;
    }

    public EchoService()
    {
        this(Path.of(System.getProperty(HANDLED_FILE_PROP_NAME)));
    }

    @Override
    public String echo(final String text)
    {
        return text;
    }

    @Override
    public CompletableFuture<String> echoAsync(final String text)
    {
        return CompletableFuture.supplyAsync(() -> text.toUpperCase());
    }

    @Override
    public String fail(final String message)
    {
        if (message.startsWith("invalid"))
        {
            throw ServiceException.invalid("message", message);
        }
        throw new IllegalStateException(message);
    }

    @Override
    public String slow(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return "slept " + millis;
    }

    @Override
    public int record(final String token)
    {
        append(token);
        try
        {
            return (int)Files.lines(handledFile).count();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public int recordSlowly(final String token)
    {
        try
        {
            Thread.sleep(2);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        append(token);
        return 1;
    }

    @Override
    public int recordIdempotently(final String token)
    {
        return recordSlowly(token);
    }

    @Override
    public void recordThenCrash(final String token)
    {
        append(token);
        Runtime.getRuntime().halt(137);
    }

    @Override
    public Sum add(final Pair pair)
    {
        return new Sum(pair.a() + pair.b());
    }

    @Override
    public String repeat(final String text, final int times)
    {
        return text.repeat(times);
    }

    @Override
    public String echoWhenExists(final String latchFile, final String text)
    {
        final Path latch = Path.of(latchFile);
        try
        {
            Files.writeString(Path.of(latchFile + ".entered"), text, StandardCharsets.UTF_8);
            final long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(latch) && System.nanoTime() - deadline < 0)
            {
                Thread.sleep(10);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return text;
    }

    private void append(final String token)
    {
        try
        {
            Files.writeString(handledFile, token + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
