package io.procmesh.core.test;

import io.procmesh.core.Procmesh;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.core.service.ShutdownBarrier;

import java.nio.file.Path;

/**
 * Child JVM main: hosts a handler that sleeps, then fails (so it writes its slot and a reply after waking), with a
 * short shutdown timeout; on SIGTERM it closes the host and the mesh, then stays alive a while longer, as an
 * embedding application or a slow exit would, so the handler wakes after the close.
 * Args: dataDir instanceId shutdownTimeoutMs lingerAfterCloseMs.
 */
public final class StuckHandlerMain
{
    public interface StuckApi
    {
        String stuck(long millis);
    }

    public static void main(final String[] args) throws Exception
    {
        final long lingerMs = Long.parseLong(args[3]);
        try (ShutdownBarrier barrier = new ShutdownBarrier(lingerMs + 10_000))
        {
            try (Procmesh mesh = Procmesh.connect(new Procmesh.Context()
                     .dataDir(Path.of(args[0]))
                     .serviceName("stuck")
                     .instanceId(args[1]));
                 ServiceHost ignored = ServiceHost.launch(new ServiceHost.Context()
                     .mesh(mesh)
                     .shutdownTimeoutMs(Long.parseLong(args[2]))
                     .handler(StuckApi.class, StuckHandlerMain::stuck)))
            {
                System.out.println("READY " + args[1]);
                barrier.await();
            }
            System.out.println("CLOSED " + args[1]);
            Thread.sleep(lingerMs);
            System.out.println("STOPPED " + args[1]);
        }
    }

    private static String stuck(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("woke after " + millis + " ms");
    }
}
