package io.procmesh.benchmarks.roundtrip.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * {@code POST /echo}: reads the JSON body into an {@link EchoMessage} and writes it back, as a typical JSON
 * microservice endpoint does (Jetty 12 core handler, Jackson).
 */
final class EchoHandler extends Handler.Abstract
{
    static final String PATH = "/echo";
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public boolean handle(final Request request, final Response response, final Callback callback) throws Exception
    {
        if (!"POST".equals(request.getMethod()) || !PATH.equals(Request.getPathInContext(request)))
        {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        final ByteBuffer body = Content.Source.asByteBuffer(request);
        final byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        final EchoMessage message = json.readValue(bytes, EchoMessage.class);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json.writeValueAsBytes(message)), callback);
        return true;
    }
}
