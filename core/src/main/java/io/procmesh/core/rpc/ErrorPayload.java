package io.procmesh.core.rpc;

/**
 * The JSON body of an ERROR envelope.
 */
public record ErrorPayload(String service, String operation, String code, String field, String type, String message)
{
    public static ErrorPayload of(final String service, final String operation, final Throwable error)
    {
        final Throwable cause = unwrap(error);
        if (cause instanceof ServiceException serviceException)
        {
            return new ErrorPayload(service, operation, serviceException.code().name(), serviceException.field(),
                cause.getClass().getName(), cause.getMessage());
        }
        return new ErrorPayload(service, operation, FailureCode.INTERNAL.name(), null,
            cause.getClass().getName(), String.valueOf(cause.getMessage()));
    }

    public RemoteServiceException toException(final String callerService, final String callerOperation)
    {
        return new RemoteServiceException(
            service == null ? callerService : service,
            operation == null ? callerOperation : operation,
            FailureCode.parse(code),
            field,
            type,
            message);
    }

    private static Throwable unwrap(final Throwable error)
    {
        Throwable current = error;
        while ((current instanceof java.util.concurrent.CompletionException ||
            current instanceof java.util.concurrent.ExecutionException ||
            current instanceof java.lang.reflect.InvocationTargetException) && current.getCause() != null)
        {
            current = current.getCause();
        }
        return current;
    }
}
