package io.procmesh.core.rpc;

/**
 * No reply came before the call's deadline.
 */
public final class ServiceTimeoutException extends ServiceException
{
    public ServiceTimeoutException(final String service, final String operation, final long timeoutMs)
    {
        super(FailureCode.DEADLINE_EXCEEDED, service + "." + operation + " got no reply within " + timeoutMs + " ms");
    }
}
