package io.procmesh.benchmarks.launcher;

import io.procmesh.core.service.ShutdownBarrier;
import io.procmesh.launcher.gateway.GatewayContext;
import io.procmesh.launcher.gateway.GatewayMain;
import io.procmesh.launcher.gateway.JettyServers;
import io.procmesh.launcher.gateway.PortInUseException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark baseline: the gateway's Jetty setup (same threads, connector and settings, from the same
 * {@code procmesh.gateway.*} properties) with a handler that answers every request with a fixed JSON body.
 * Comparing the gateway against it isolates the cost of routing and the mesh round trip. It lives with the
 * benchmarks, whose gateway scenario runs it; the gateway's {@link JettyServers} is the setup both share.
 */
public final class HelloWorldServer
{
    private HelloWorldServer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final GatewayContext context = new GatewayContext();
        try
        {
            context.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("hello-world: " + ex.getMessage());
            System.exit(GatewayMain.EXIT_BAD_SETTING);
            return;
        }

        final Server server;
        try
        {
            server = JettyServers.createAndBind(context);
        }
        catch (final PortInUseException ex)
        {
            System.err.println("hello-world: " + ex.getMessage());
            System.exit(GatewayMain.EXIT_PORT_IN_USE);
            return;
        }
        try (ShutdownBarrier barrier = new ShutdownBarrier(context.shutdownTimeoutMs() * 2))
        {
            server.setHandler(new HelloWorldHandler());
            server.start();
            System.out.println("READY hello-world pid " + ProcessHandle.current().pid() +
                " port " + JettyServers.boundPort(server));
            barrier.await();
            JettyServers.stop(server);
            System.out.println("STOPPED hello-world");
        }
    }

    /**
     * A fixed answer shaped like a small user record, so both sides of the benchmark write similar bytes.
     * Non-blocking, like the gateway's router: both declare what they are, and Jetty treats both alike.
     */
    static final class HelloWorldHandler extends Handler.Abstract.NonBlocking
    {
        private static final HttpField CONTENT_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
        private static final ByteBuffer BODY = ByteBuffer.wrap(
            "{\"id\":\"u-hello\",\"name\":\"Hello\",\"email\":\"hello@example.com\",\"createdAtMs\":0}"
                .getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();

        @Override
        public boolean handle(final Request request, final Response response, final Callback callback)
        {
            response.setStatus(200);
            response.getHeaders().put(CONTENT_TYPE);
            response.write(true, BODY.slice(), callback);
            return true;
        }
    }
}
