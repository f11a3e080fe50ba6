package io.procmesh.core.test;

import io.procmesh.core.Procmesh;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.core.service.ShutdownBarrier;

import java.nio.file.Path;

/**
 * Child JVM main: a raw service that answers every request with its own bytes. Args: dataDir instanceId.
 */
public final class RawEchoServiceMain
{
    public static void main(final String[] args) throws Exception
    {
        try (ShutdownBarrier barrier = new ShutdownBarrier(10_000))
        {
            try (Procmesh mesh = Procmesh.connect(new Procmesh.Context()
                     .dataDir(Path.of(args[0])).serviceName("raw-echo").instanceId(args[1]));
                 ServiceHost host = ServiceHost.launch(new ServiceHost.Context()
                     .mesh(mesh)
                     .rawHandler((request, reply) -> reply.write(request.payload()))))
            {
                System.out.println("READY " + args[1]);
                barrier.await();
            }
        }
    }
}
