package io.procmesh.benchmarks.roundtrip.procmesh;

import io.procmesh.benchmarks.harness.ParentWatchdog;
import io.procmesh.core.Procmesh;
import io.procmesh.core.agent.BackoffIdleStrategy;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.core.service.ShutdownBarrier;

import java.nio.file.Path;

/**
 * Partner JVM of the shipped path: {@link EchoService} in a {@link ServiceHost}, as any procmesh service runs.
 * Args: dataDir idleStrategy.
 * <p>
 * The idle strategy applies to the inbox reader only. This JVM's own reply reader (started by
 * {@link Procmesh#connect}, idle here since the service calls no one) keeps backing off: with
 * {@code -Dprocmesh.idleStrategy=busy-spin} it would spin too, and three spinning threads on two cores starve.
 */
public final class HostEchoMain
{
    private HostEchoMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ParentWatchdog.arm();
        if (args.length != 2)
        {
            System.err.println("usage: HostEchoMain <dataDir> <backoff|busy-spin>");
            System.exit(2);
        }
        try (ShutdownBarrier barrier = new ShutdownBarrier(5_000))
        {
            try (Procmesh mesh = Procmesh.connect(new Procmesh.Context()
                     .dataDir(Path.of(args[0]))
                     .serviceName(EchoApi.SERVICE)
                     .instanceId(EchoApi.INSTANCE)
                     .idleStrategy(BackoffIdleStrategy.NAME));
                 ServiceHost host = ServiceHost.launch(new ServiceHost.Context()
                     .mesh(mesh)
                     .handler(EchoApi.class, new EchoService())
                     .idleStrategy(args[1])))
            {
                System.out.println("READY procmesh echo host pid " + ProcessHandle.current().pid());
                barrier.await();
            }
        }
    }
}
