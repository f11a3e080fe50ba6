package io.procmesh.core.test;

import io.procmesh.core.Procmesh;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.core.service.ShutdownBarrier;

import java.nio.file.Path;

/**
 * Child JVM main: hosts {@link EchoService}. Args: dataDir instanceId handledFile [serviceName]. Its service name is
 * the fourth argument when given (a main with a hard-coded name), else the one the launcher passes
 * ({@code procmesh.serviceName}), else {@code echo}.
 */
public final class EchoServiceMain
{
    public static void main(final String[] args) throws Exception
    {
        try (ShutdownBarrier barrier = new ShutdownBarrier(10_000))
        {
            try (Procmesh mesh = Procmesh.connect(new Procmesh.Context()
                     .dataDir(Path.of(args[0]))
                     .serviceName(args.length > 3 ? args[3] :
                         System.getProperty(Configuration.SERVICE_NAME_PROP_NAME, "echo"))
                     .instanceId(args[1]));
                 ServiceHost host = ServiceHost.launch(new ServiceHost.Context()
                     .mesh(mesh)
                     .handler(EchoApi.class, new EchoService(Path.of(args[2])))))
            {
                System.out.println("READY " + args[1]);
                barrier.await();
            }
            // Printed before the barrier closes: the JVM may halt as soon as it does.
            System.out.println("STOPPED " + args[1]);
        }
    }
}
