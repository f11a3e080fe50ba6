package io.procmesh.core.rpc;

/**
 * The call could not be sent: no UP instance of the service, or too many calls already in flight.
 */
public final class ServiceUnavailableException extends ServiceException
{
    public ServiceUnavailableException(final String message)
    {
        super(FailureCode.UNAVAILABLE, message);
    }
}
