package io.procmesh.benchmarks.roundtrip.http;

import io.procmesh.benchmarks.harness.ParentWatchdog;
import io.procmesh.benchmarks.harness.StopSignal;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Partner JVM of the HTTP baseline: Jetty 12 on 127.0.0.1, an ephemeral port, one {@link EchoHandler}.
 * Prints {@code READY port <n>}. Args: ignored idle strategy (kept for a uniform partner command line).
 */
public final class HttpEchoServerMain
{
    public static final String READY_PREFIX = "READY port ";

    private HttpEchoServerMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ParentWatchdog.arm();
        try (StopSignal stop = new StopSignal())
        {
            final Server server = new Server();
            final ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(new EchoHandler());
            server.start();
            try
            {
                System.out.println(READY_PREFIX + connector.getLocalPort());
                while (!stop.isRequested())
                {
                    Thread.sleep(50);
                }
            }
            finally
            {
                server.stop();
            }
        }
    }
}
