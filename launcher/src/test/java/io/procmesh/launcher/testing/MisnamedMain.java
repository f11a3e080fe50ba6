package io.procmesh.launcher.testing;

import io.procmesh.core.Procmesh;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.core.service.ShutdownBarrier;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoService;

import java.nio.file.Path;

/**
 * A main that registers as {@link #REGISTERS_AS} whatever its topology calls it, as a copied main with a hard-coded
 * name does. It drops the launcher's {@code procmesh.serviceName} first, so it gets as far as registering even where
 * core refuses a name that differs from that property: what is tested is the launcher's own check.
 */
public final class MisnamedMain
{
    public static final String REGISTERS_AS = "user";

    private MisnamedMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        System.clearProperty(Configuration.SERVICE_NAME_PROP_NAME);
        final Path dataDir = Path.of(Configuration.dataDir());
        try (ShutdownBarrier barrier = new ShutdownBarrier(10_000);
             Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).serviceName(REGISTERS_AS));
             ServiceHost ignored = ServiceHost.launch(new ServiceHost.Context()
                 .mesh(mesh)
                 .handler(EchoApi.class, new EchoService(dataDir.resolveSibling("misnamed-handled.txt")))))
        {
            System.out.println("READY as " + REGISTERS_AS);
            barrier.await();
        }
    }
}
