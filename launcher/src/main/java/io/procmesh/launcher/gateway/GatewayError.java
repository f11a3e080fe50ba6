package io.procmesh.launcher.gateway;

/**
 * One HTTP error answer: its status, the JSON body's fields, and the headers some statuses need
 * (Allow for 405, Retry-After for 503).
 *
 * @param status            HTTP status.
 * @param code              a stable machine-readable name, e.g. the procmesh FailureCode or METHOD_NOT_ALLOWED.
 * @param message           what went wrong, for a person.
 * @param field             the request field at fault, or null.
 * @param service           the target service, or null.
 * @param operation         the target operation, or null.
 * @param allow             the Allow header value, or null.
 * @param retryAfterSeconds the Retry-After header value, or 0 for none.
 */
public record GatewayError(
    int status,
    String code,
    String message,
    String field,
    String service,
    String operation,
    String allow,
    int retryAfterSeconds)
{
    public static GatewayError of(final int status, final String code, final String message)
    {
        return new GatewayError(status, code, message, null, null, null, null, 0);
    }

    public static GatewayError badRequest(final String field, final String message)
    {
        return new GatewayError(400, "INVALID_ARGUMENT", message, field, null, null, null, 0);
    }

    public static GatewayError notFound(final String message)
    {
        return of(404, "NOT_FOUND", message);
    }

    public static GatewayError methodNotAllowed(final String method, final String path, final String allow)
    {
        return new GatewayError(405, "METHOD_NOT_ALLOWED",
            "method " + method + " is not allowed on " + path + "; allowed: " + allow, null, null, null, allow, 0);
    }

    public static GatewayError payloadTooLarge(final int maxBodyBytes)
    {
        return of(413, "PAYLOAD_TOO_LARGE", "request body is larger than " + maxBodyBytes + " bytes");
    }

    public static GatewayError unsupportedMediaType(final String contentType)
    {
        return of(415, "UNSUPPORTED_MEDIA_TYPE",
            "request body must be JSON (Content-Type: application/json), was " +
                (contentType == null ? "no Content-Type" : "'" + contentType + "'"));
    }

    /**
     * @return client input to quote in an error message, cut to {@code maxChars} (then "..."): an answer never
     * carries an unbounded echo of what was sent.
     */
    static String echoed(final String input, final int maxChars)
    {
        return input.length() <= maxChars ? input : input.substring(0, maxChars) + "...";
    }

    public GatewayError withTarget(final String service, final String operation)
    {
        return new GatewayError(status, code, message, field, service, operation, allow, retryAfterSeconds);
    }
}
