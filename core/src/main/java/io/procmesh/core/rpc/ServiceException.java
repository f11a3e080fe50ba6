package io.procmesh.core.rpc;

/**
 * Thrown by a handler to fail a request with a code the caller can act on. Any other exception from a handler
 * reaches the caller as {@link FailureCode#INTERNAL}.
 */
public class ServiceException extends RuntimeException
{
    private final FailureCode code;
    private final String field;

    public ServiceException(final FailureCode code, final String message)
    {
        this(code, null, message);
    }

    public ServiceException(final FailureCode code, final String field, final String message)
    {
        super(message);
        this.code = code;
        this.field = field;
    }

    protected ServiceException(final FailureCode code, final String field, final String message,
        final boolean stackTrace)
    {
        super(message, null, false, stackTrace);
        this.code = code;
        this.field = field;
    }

    public static ServiceException invalid(final String field, final String message)
    {
        return new ServiceException(FailureCode.INVALID_ARGUMENT, field, message);
    }

    public static ServiceException notFound(final String message)
    {
        return new ServiceException(FailureCode.NOT_FOUND, message);
    }

    public static ServiceException conflict(final String field, final String message)
    {
        return new ServiceException(FailureCode.CONFLICT, field, message);
    }

    public static ServiceException failedPrecondition(final String field, final String message)
    {
        return new ServiceException(FailureCode.FAILED_PRECONDITION, field, message);
    }

    /**
     * The instance cannot take this request now, but another (or this one later) can: the caller may try again.
     */
    public static ServiceException unavailable(final String message)
    {
        return new ServiceException(FailureCode.UNAVAILABLE, message);
    }

    public FailureCode code()
    {
        return code;
    }

    /**
     * @return the request field at fault, or null.
     */
    public String field()
    {
        return field;
    }
}
