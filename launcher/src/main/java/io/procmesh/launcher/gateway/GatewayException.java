package io.procmesh.launcher.gateway;

/**
 * A request the gateway rejects itself, before or instead of calling a service: bad JSON, a body too large,
 * an unknown route. Carries the exact answer to send.
 */
public final class GatewayException extends RuntimeException
{
    private final GatewayError error;

    public GatewayException(final GatewayError error)
    {
        super(error.message());
        this.error = error;
    }

    public GatewayException(final GatewayError error, final Throwable cause)
    {
        super(error.message(), cause);
        this.error = error;
    }

    public GatewayError error()
    {
        return error;
    }
}
