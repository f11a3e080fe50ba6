package io.procmesh.launcher.gateway;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request Jetty rejects before the router sees it, or a failed callback) in the
 * gateway's JSON error shape instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler
{
    private final HttpResponses responses;

    JsonErrorHandler(final HttpResponses responses)
    {
        this.responses = responses;
    }

    @Override
    public boolean handle(final Request request, final Response response, final Callback callback)
    {
        int status = response.getStatus();
        String message = (String)request.getAttribute(ERROR_MESSAGE);
        final Throwable cause = (Throwable)request.getAttribute(ERROR_EXCEPTION);
        if (cause instanceof HttpException httpException)
        {
            status = httpException.getCode();
        }
        if (status < 400)
        {
            status = 500;
        }
        if (message == null)
        {
            message = cause != null ? cause.toString() : HttpStatus.getMessage(status);
        }
        if ("HEAD".equals(request.getMethod()) || HttpStatus.hasNoBody(status))
        {
            response.setStatus(status);
            callback.succeeded();
            return true;
        }
        responses.error(response, callback, GatewayError.of(status, codeOf(status), message));
        return true;
    }

    private static String codeOf(final int status)
    {
        final String reason = HttpStatus.getMessage(status);
        return reason == null ? "HTTP_" + status : reason.toUpperCase(java.util.Locale.ROOT).replace(' ', '_');
    }
}
