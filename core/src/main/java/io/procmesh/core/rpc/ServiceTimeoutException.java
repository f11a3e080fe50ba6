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

    private ServiceTimeoutException(final String message)
    {
        super(FailureCode.DEADLINE_EXCEEDED, message);
    }

    /**
     * The failure of a call made inside a handler whose request has no budget left for it: it is not sent.
     */
    static ServiceTimeoutException budgetSpent(
        final String service, final String operation, final long leftNs, final long marginNs)
    {
        return new ServiceTimeoutException(service + "." + operation + " not sent: the request being handled has " +
            Math.max(0, leftNs) / 1_000 + " us of its deadline left, within the " + marginNs / 1_000 +
            " us margin (procmesh.deadlineMarginMs)");
    }
}
