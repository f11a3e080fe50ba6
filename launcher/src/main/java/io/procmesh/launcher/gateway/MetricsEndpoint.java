package io.procmesh.launcher.gateway;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;

/**
 * {@code GET /metrics}: the Prometheus text exposition of the gateway's meters and the services' slots.
 */
final class MetricsEndpoint
{
    private static final HttpField CONTENT_TYPE_PROMETHEUS =
        new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");

    private final GatewayMetrics metrics;

    MetricsEndpoint(final GatewayMetrics metrics)
    {
        this.metrics = metrics;
    }

    void routes(final RouteTable.Builder routes, final UnaryOperator<Endpoint> offload)
    {
        routes.add("GET", "/metrics", offload.apply(this::scrape));
    }

    private void scrape(final Request request, final Response response, final Callback callback, final String[] path)
    {
        final byte[] text = metrics.scrape();
        response.setStatus(200);
        response.getHeaders().put(CONTENT_TYPE_PROMETHEUS);
        response.getHeaders().put(HttpResponses.CACHE_CONTROL_NO_STORE);
        response.write(true, ByteBuffer.wrap(text), callback);
    }
}
