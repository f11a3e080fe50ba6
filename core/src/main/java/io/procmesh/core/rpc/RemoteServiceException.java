package io.procmesh.core.rpc;

/**
 * A call failed on the remote side. Names the service, the operation and the remote cause.
 */
public final class RemoteServiceException extends ServiceException
{
    private final String service;
    private final String operation;
    private final String remoteType;
    private final String remoteMessage;

    public RemoteServiceException(
        final String service,
        final String operation,
        final FailureCode code,
        final String field,
        final String remoteType,
        final String remoteMessage)
    {
        super(code, field, service + "." + operation + " failed (" + code + "): " + remoteType + ": " + remoteMessage);
        this.service = service;
        this.operation = operation;
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
    }

    public String service()
    {
        return service;
    }

    public String operation()
    {
        return operation;
    }

    /**
     * @return the class name of the exception thrown by the handler.
     */
    public String remoteType()
    {
        return remoteType;
    }

    public String remoteMessage()
    {
        return remoteMessage;
    }
}
