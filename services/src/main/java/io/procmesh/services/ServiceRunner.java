package io.procmesh.services;

import io.procmesh.core.Procmesh;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.core.service.ShutdownBarrier;

import java.util.function.Function;

/**
 * The shared main of the demo services: connect, host until SIGTERM, then close in order: host, the service's
 * own resources, the mesh.
 */
public final class ServiceRunner
{
    private ServiceRunner()
    {
    }

    /**
     * What a service main builds on a connected mesh: the host context and what to close after the host stops.
     */
    public record Setup(ServiceHost.Context hostContext, AutoCloseable resources)
    {
    }

    public static void run(final String serviceName, final Function<Procmesh, Setup> setup) throws Exception
    {
        try (ShutdownBarrier barrier = new ShutdownBarrier(Configuration.shutdownTimeoutMs() * 2))
        {
            try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().serviceName(serviceName).upOnConnect(false)))
            {
                final Setup built = setup.apply(mesh);
                try (AutoCloseable resources = built.resources();
                     ServiceHost host = ServiceHost.launch(built.hostContext().mesh(mesh)))
                {
                    System.out.println("READY " + mesh.context().instanceId() + " pid " + ProcessHandle.current().pid());
                    barrier.await();
                }
            }
            System.out.println("STOPPED " + serviceName);
        }
    }
}
