package io.procmesh.launcher.gateway;

import io.procmesh.core.service.ShutdownBarrier;
import io.procmesh.launcher.topology.TopologyException;

import java.nio.file.Path;

/**
 * The gateway process. Reads its settings from system properties ({@code procmesh.gateway.*}, plus
 * {@code procmesh.instanceId} and {@code procmesh.dataDir}) and its routes from the topology file named by
 * {@code procmesh.gateway.topology} (without it: the bundled demo topology's, if any), prints
 * {@code READY <instanceId> pid <pid> port <port>} once serving, and stops gracefully on SIGTERM.
 * <p>
 * Exit codes: 0 after a graceful stop (143 when the JVM ends by SIGTERM), 2 for a bad setting or topology (a
 * route to an operation the api lacks, an api not on the class path), 3 when the port is
 * in use; those two print one line on stderr saying why. 1 is an unexpected failure, with its stack trace.
 */
public final class GatewayMain
{
    public static final int EXIT_PORT_IN_USE = 3;
    public static final int EXIT_BAD_SETTING = 2;

    private GatewayMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final int exitCode = run(new GatewayContext(), GatewayConfiguration.topology());
        if (exitCode != 0)
        {
            System.exit(exitCode);
        }
    }

    static int run(final GatewayContext context, final String topology) throws InterruptedException
    {
        try
        {
            // Without a topology (a gateway started by hand), it serves /health, /services and /metrics only.
            if (topology != null && !topology.isBlank())
            {
                GatewayTopology.configure(context, Path.of(topology));
            }
            context.conclude();
        }
        catch (final IllegalArgumentException | TopologyException ex)
        {
            System.err.println("gateway: " + ex.getMessage());
            return EXIT_BAD_SETTING;
        }

        try (ShutdownBarrier barrier = new ShutdownBarrier(context.shutdownTimeoutMs() * 2))
        {
            final String instanceId;
            try (Gateway gateway = Gateway.launchConcluded(context))
            {
                instanceId = gateway.instanceId();
                System.out.println("READY " + instanceId + " pid " + ProcessHandle.current().pid() +
                    " port " + gateway.port());
                barrier.await();
            }
            // Printed before the barrier closes: the JVM may halt as soon as it does.
            System.out.println("STOPPED " + instanceId);
            return 0;
        }
        catch (final PortInUseException ex)
        {
            System.err.println("gateway: " + ex.getMessage());
            return EXIT_PORT_IN_USE;
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("gateway: " + ex.getMessage());
            return EXIT_BAD_SETTING;
        }
    }
}
