package io.procmesh.launcher.gateway;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.rpc.CircuitOpenException;
import io.procmesh.core.rpc.FailureCode;
import io.procmesh.core.rpc.RemoteServiceException;
import io.procmesh.core.rpc.ServiceException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns whatever ended a request into its HTTP answer. The mapping of procmesh failure codes is the gateway's
 * contract:
 * <pre>
 * INVALID_ARGUMENT    400   NOT_FOUND          404   CONFLICT  409
 * FAILED_PRECONDITION 422   UNAVAILABLE        503 + Retry-After
 * DEADLINE_EXCEEDED   504   INTERNAL (remote)  502
 * </pre>
 * Anything else is a gateway bug: it goes to the error handler and answers 500.
 */
final class ErrorMapper
{
    private final int retryAfterSeconds;
    private final ErrorHandler errorHandler;

    ErrorMapper(final int retryAfterSeconds, final ErrorHandler errorHandler)
    {
        this.retryAfterSeconds = retryAfterSeconds;
        this.errorHandler = errorHandler;
    }

    /**
     * @param service   the call's target service, or null when the request never reached one.
     * @param operation the call's operation, or null.
     */
    GatewayError map(final Throwable failure, final String service, final String operation)
    {
        final Throwable cause = unwrap(failure);
        if (cause instanceof GatewayException rejected)
        {
            final GatewayError error = rejected.error();
            return error.service() == null && service != null ? error.withTarget(service, operation) : error;
        }
        if (cause instanceof RemoteServiceException remote)
        {
            return fromCode(remote.code(), remoteMessage(remote), remote.field(), remote.service(), remote.operation());
        }
        if (cause instanceof CircuitOpenException open)
        {
            // Retry-After says when the breaker lets trial calls through, in whole seconds, at least 1.
            final GatewayError error = fromCode(open.code(), open.getMessage(), null, service, operation);
            return new GatewayError(error.status(), error.code(), error.message(), null, service, operation, null,
                (int)Math.max(1, (open.retryAfterMs() + 999) / 1000));
        }
        if (cause instanceof ServiceException local)
        {
            return fromCode(local.code(), local.getMessage(), local.field(), service, operation);
        }
        errorHandler.onError(cause);
        return new GatewayError(500, "INTERNAL", "internal gateway error; the gateway's log has the details", null,
            service, operation, null, 0);
    }

    /**
     * The answer for a call refused because the target has no live instance.
     */
    GatewayError unavailable(final String service, final String operation)
    {
        return fromCode(FailureCode.UNAVAILABLE, "no live instance of service '" + service + "'", null,
            service, operation);
    }

    private GatewayError fromCode(
        final FailureCode code,
        final String message,
        final String field,
        final String service,
        final String operation)
    {
        final int status = status(code);
        return new GatewayError(status, code.name(), message, field, service, operation, null,
            status == 503 ? retryAfterSeconds : 0);
    }

    static int status(final FailureCode code)
    {
        return switch (code)
        {
            case INVALID_ARGUMENT -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case FAILED_PRECONDITION -> 422;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            case INTERNAL -> 502;
        };
    }

    /**
     * A service's own failure is named by its code alone: its exception type and message may carry internals (a
     * class, a path, a query, another user's data), so they stay in the service's log, where its error handler put
     * them. Client errors keep the service's own words, which it wrote for the caller.
     */
    private static String remoteMessage(final RemoteServiceException remote)
    {
        if (remote.code() == FailureCode.INTERNAL)
        {
            return remote.service() + "." + remote.operation() + " failed with an internal error; the log of " +
                "service '" + remote.service() + "' has the details";
        }
        return remote.remoteMessage();
    }

    private static Throwable unwrap(final Throwable failure)
    {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException) &&
            current.getCause() != null)
        {
            current = current.getCause();
        }
        return current;
    }
}
