package io.procmesh.services;

import io.procmesh.core.message.Envelope;
import io.procmesh.core.rpc.RequestContext;

import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * Runs service logic in-process as a handler would run it: inside a request context with a given message id.
 */
public final class ServedRequest
{
    private ServedRequest()
    {
    }

    public static <T> T serve(final long messageId, final Supplier<T> handler)
    {
        final RequestContext context = RequestContext.enter(new Envelope().reset().messageId(messageId), 0);
        try
        {
            return handler.get();
        }
        finally
        {
            context.exit();
        }
    }

    /**
     * A clock the test moves by hand.
     */
    public static final class ManualClock implements InstantSource
    {
        private long millis;

        public ManualClock(final long millis)
        {
            this.millis = millis;
        }

        public void advanceMs(final long ms)
        {
            millis += ms;
        }

        @Override
        public Instant instant()
        {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis()
        {
            return millis;
        }
    }
}
