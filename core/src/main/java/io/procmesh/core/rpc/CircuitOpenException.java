package io.procmesh.core.rpc;

/**
 * The call was not sent: the circuit breaker of calls from this service to its target is open (or half open with
 * its trial calls taken), because the target recently failed or timed out too often. Fails at once, UNAVAILABLE, so
 * the gateway answers 503 with Retry-After.
 */
public final class CircuitOpenException extends ServiceException
{
    private final String breaker;
    private final long retryAfterMs;

    public CircuitOpenException(final String breaker, final String service, final String operation,
        final long retryAfterMs)
    {
        // No stack trace: refusing fast is the point, and where it was thrown says nothing the message does not.
        super(FailureCode.UNAVAILABLE, null, service + "." + operation + " not sent: circuit breaker " + breaker +
            " is open" + (retryAfterMs > 0 ? ", trial calls in " + retryAfterMs + " ms" : ", trial calls under way"),
            false);
        this.breaker = breaker;
        this.retryAfterMs = retryAfterMs;
    }

    /**
     * @return the breaker's name, {@code caller->target[#partition]}.
     */
    public String breaker()
    {
        return breaker;
    }

    /**
     * @return the milliseconds until trial calls go through; 0 while they are under way.
     */
    public long retryAfterMs()
    {
        return retryAfterMs;
    }
}
