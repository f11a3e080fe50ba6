package io.procmesh.core.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

import java.io.PrintStream;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every error and logs it. Errors are exceptional, so logging here is not on the per-message path.
 * <p>
 * procmesh-core brings only slf4j-api. With no backend bound, slf4j drops every log call, so an error would
 * only be counted: then each goes to stderr instead, as one line. An error that a {@code CompletableFuture}
 * raised (a failed async call) is logged as one line naming its causes, with or without a backend: its stack is
 * that of whichever thread completed the future, and a stack trace per failed call buries everything else.
 */
public final class LoggingErrorHandler implements ErrorHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(LoggingErrorHandler.class);
    private static final AtomicBoolean NOTICE_PRINTED = new AtomicBoolean();
    private final AtomicLong errors = new AtomicLong();
    private final String owner;
    private final PrintStream fallback;
    private final boolean noBackend;

    public LoggingErrorHandler(final String owner)
    {
        this(owner, System.err, LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory);
    }

    LoggingErrorHandler(final String owner, final PrintStream fallback, final boolean noBackend)
    {
        this.owner = owner;
        this.fallback = fallback;
        this.noBackend = noBackend;
    }

    @Override
    public void onError(final Throwable error)
    {
        errors.incrementAndGet();
        final boolean fromFuture = error instanceof CompletionException || error instanceof ExecutionException;
        if (noBackend)
        {
            if (NOTICE_PRINTED.compareAndSet(false, true))
            {
                fallback.println("procmesh: no SLF4J backend on the class path, so procmesh errors go to stderr, " +
                    "one line each (add logback-classic or slf4j-simple for full logs)");
            }
            fallback.println("procmesh WARN " + owner + ": " + oneLine(error, !fromFuture));
        }
        else if (fromFuture)
        {
            LOG.warn("{}: {}", owner, oneLine(error, false));
        }
        else
        {
            LOG.warn("{}: {}", owner, error.toString(), error);
        }
    }

    public long errorCount()
    {
        return errors.get();
    }

    /**
     * The error and its causes on one line; with {@code where}, the frame that threw, so it can be found.
     */
    static String oneLine(final Throwable error, final boolean where)
    {
        final StringBuilder line = new StringBuilder();
        Throwable current = error;
        if (error instanceof CompletionException || error instanceof ExecutionException)
        {
            current = error.getCause() != null ? error.getCause() : error;
        }
        for (int depth = 0; current != null && depth < 8; depth++)
        {
            if (depth > 0)
            {
                line.append("; caused by ");
            }
            line.append(current.toString().replace('\n', ' '));
            if (where && current.getStackTrace().length > 0)
            {
                line.append(" (at ").append(current.getStackTrace()[0]).append(')');
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return line.toString();
    }
}
