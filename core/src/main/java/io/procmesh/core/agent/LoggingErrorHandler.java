package io.procmesh.core.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every error and logs it. Errors are exceptional, so logging here is not on the per-message path.
 */
public final class LoggingErrorHandler implements ErrorHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(LoggingErrorHandler.class);
    private final AtomicLong errors = new AtomicLong();
    private final String owner;

    public LoggingErrorHandler(final String owner)
    {
        this.owner = owner;
    }

    @Override
    public void onError(final Throwable error)
    {
        errors.incrementAndGet();
        LOG.warn("{}: {}", owner, error.toString(), error);
    }

    public long errorCount()
    {
        return errors.get();
    }
}
