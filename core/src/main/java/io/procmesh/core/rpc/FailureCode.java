package io.procmesh.core.rpc;

/**
 * Why a call failed, in terms a caller (and the HTTP gateway) can act on.
 */
public enum FailureCode
{
    /** The request was wrong: a field is missing or invalid. */
    INVALID_ARGUMENT,
    /** The entity or operation does not exist. */
    NOT_FOUND,
    /** The request conflicts with existing state, e.g. a duplicate key. */
    CONFLICT,
    /** The request is well formed but refers to something that does not exist, e.g. an unknown user. */
    FAILED_PRECONDITION,
    /** No instance of the service can take the call now. */
    UNAVAILABLE,
    /** The call passed its deadline. */
    DEADLINE_EXCEEDED,
    /** The handler failed in a way the caller cannot fix. */
    INTERNAL;

    public static FailureCode parse(final String name)
    {
        for (final FailureCode code : values())
        {
            if (code.name().equals(name))
            {
                return code;
            }
        }
        return INTERNAL;
    }
}
