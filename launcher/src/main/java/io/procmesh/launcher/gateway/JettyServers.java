package io.procmesh.launcher.gateway;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.BindException;

/**
 * Builds the Jetty server the gateway and its hello-world baseline share, so a benchmark compares handlers,
 * not server tuning: one acceptor, few selectors and a small pool for a 2-core host, idle timeouts everywhere.
 * Public for that baseline, which lives in the benchmarks.
 */
public final class JettyServers
{
    private static final int ACCEPTORS = 1;

    private JettyServers()
    {
    }

    /**
     * Creates the server and binds its port at once, so a port in use fails before anything else starts.
     *
     * @throws PortInUseException if the address is taken.
     */
    /**
     * Binds the gateway's address and releases it at once, so that a port in use fails before the gateway joins
     * the mesh, without the listening socket that the real bind leaves accepting into the kernel backlog while
     * the mesh is being joined. Port 0 (any free port) cannot be taken and is not checked.
     *
     * @throws PortInUseException if the address is taken.
     */
    static void checkPortFree(final GatewayContext context)
    {
        if (context.port() == 0)
        {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket())
        {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(context.host(), context.port()));
        }
        catch (final BindException ex)
        {
            throw new PortInUseException(context.host(), context.port(), ex);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot listen on " + context.host() + ":" + context.port() + ": " +
                ex.getMessage(), ex);
        }
    }

    public static Server createAndBind(final GatewayContext context)
    {
        final QueuedThreadPool threads = new QueuedThreadPool(
            context.maxThreads(), context.minThreads(), (int)context.idleTimeoutMs());
        threads.setName("gateway-http");
        threads.setDaemon(true);
        final Server server = new Server(threads);
        server.setStopTimeout(context.shutdownTimeoutMs());
        server.setStopAtShutdown(false);

        final HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(context.idleTimeoutMs());

        final ServerConnector connector = new ServerConnector(
            server, ACCEPTORS, context.selectors(), new HttpConnectionFactory(http));
        connector.setHost(context.host());
        connector.setPort(context.port());
        connector.setIdleTimeout(context.idleTimeoutMs());
        connector.setReuseAddress(true);
        server.addConnector(connector);
        try
        {
            connector.open();
        }
        catch (final IOException ex)
        {
            if (ex instanceof BindException || ex.getCause() instanceof BindException)
            {
                throw new PortInUseException(context.host(), context.port(), ex);
            }
            throw new IllegalStateException("cannot listen on " + context.host() + ":" + context.port() + ": " +
                ex.getMessage(), ex);
        }
        return server;
    }

    /**
     * Stops the server, and closes its bound port even if it never started (stop alone is then a no-op).
     */
    public static void stop(final Server server) throws Exception
    {
        try
        {
            server.stop();
        }
        finally
        {
            for (final org.eclipse.jetty.server.Connector connector : server.getConnectors())
            {
                if (connector instanceof ServerConnector serverConnector)
                {
                    serverConnector.close();
                }
            }
        }
    }

    public static int boundPort(final Server server)
    {
        return ((ServerConnector)server.getConnectors()[0]).getLocalPort();
    }
}
