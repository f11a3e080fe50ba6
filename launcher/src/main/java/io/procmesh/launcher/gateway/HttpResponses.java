package io.procmesh.launcher.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.agent.ErrorHandler;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes the gateway's answers: JSON bodies as bytes (the services' replies go out untouched), and every error
 * as {@code {"error": ..., "code": ..., "field"?, "service"?, "operation"?}} with its status and headers.
 * Writes are asynchronous; the request's callback completes when the bytes are out.
 */
final class HttpResponses
{
    static final HttpField CONTENT_TYPE_JSON =
        new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    static final HttpField CACHE_CONTROL_NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALLBACK_ERROR =
        "{\"error\":\"error body could not be written\",\"code\":\"INTERNAL\"}".getBytes(StandardCharsets.US_ASCII);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record ErrorBody(String error, String code, String field, String service, String operation)
    {
    }

    private final ObjectMapper mapper;
    private final GatewayMetrics metrics;
    private final ErrorHandler errorHandler;

    HttpResponses(final ObjectMapper mapper, final GatewayMetrics metrics, final ErrorHandler errorHandler)
    {
        this.mapper = mapper;
        this.metrics = metrics;
        this.errorHandler = errorHandler;
    }

    /**
     * Sends JSON bytes as they are; an empty body (a void operation) is sent as {@code null}. A route whose
     * status is 204 sends no body at all, as HTTP requires.
     */
    void json(final Response response, final Callback callback, final int status, final byte[] body)
    {
        response.setStatus(status);
        if (status == 204)
        {
            response.write(true, null, callback);
            return;
        }
        response.getHeaders().put(CONTENT_TYPE_JSON);
        response.write(true, ByteBuffer.wrap(body.length == 0 ? JSON_NULL : body), callback);
    }

    /**
     * Serialises a value, for the admin endpoints.
     */
    void json(final Response response, final Callback callback, final int status, final Object value)
    {
        final byte[] body;
        try
        {
            body = mapper.writeValueAsBytes(value);
        }
        catch (final JsonProcessingException ex)
        {
            errorHandler.onError(ex);
            error(response, callback, GatewayError.of(500, "INTERNAL", "could not write the answer: " + ex));
            return;
        }
        response.getHeaders().put(CACHE_CONTROL_NO_STORE);
        json(response, callback, status, body);
    }

    void error(final Response response, final Callback callback, final GatewayError error)
    {
        metrics.onHttpError(error.status());
        if (response.isCommitted())
        {
            callback.failed(new IllegalStateException("response already committed before error: " + error));
            return;
        }
        response.setStatus(error.status());
        response.getHeaders().put(CONTENT_TYPE_JSON);
        response.getHeaders().put(CACHE_CONTROL_NO_STORE);
        if (error.allow() != null)
        {
            response.getHeaders().put(HttpHeader.ALLOW, error.allow());
        }
        if (error.retryAfterSeconds() > 0)
        {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(error.retryAfterSeconds()));
        }
        response.write(true, ByteBuffer.wrap(errorBody(error)), callback);
    }

    byte[] errorBody(final GatewayError error)
    {
        try
        {
            return mapper.writeValueAsBytes(
                new ErrorBody(error.message(), error.code(), error.field(), error.service(), error.operation()));
        }
        catch (final JsonProcessingException ex)
        {
            errorHandler.onError(ex);
            return FALLBACK_ERROR;
        }
    }
}
