package io.procmesh.benchmarks.roundtrip.procmesh;

import io.procmesh.benchmarks.harness.ParentWatchdog;
import io.procmesh.core.Procmesh;
import io.procmesh.core.agent.AgentRunner;
import io.procmesh.core.agent.BackoffIdleStrategy;
import io.procmesh.core.agent.IdleStrategies;
import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.core.service.ShutdownBarrier;

import java.nio.file.Path;

/**
 * Partner JVM of the RAW channel echo: registered and discovered like any procmesh service, but served by
 * {@link ChannelEchoAgent} instead of a {@link ServiceHost}. Args: dataDir idleStrategy.
 */
public final class ChannelEchoMain
{
    private ChannelEchoMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ParentWatchdog.arm();
        if (args.length != 2)
        {
            System.err.println("usage: ChannelEchoMain <dataDir> <backoff|busy-spin>");
            System.exit(2);
        }
        try (ShutdownBarrier barrier = new ShutdownBarrier(5_000))
        {
            try (Procmesh mesh = Procmesh.connect(new Procmesh.Context()
                .dataDir(Path.of(args[0]))
                .serviceName(EchoApi.SERVICE)
                .instanceId(EchoApi.INSTANCE)
                .idleStrategy(BackoffIdleStrategy.NAME)))
            {
                final Procmesh.Context context = mesh.context();
                final DataDirectory dirs = context.dataDirectory();
                final Path inboxPath = dirs.inbox(EchoApi.SERVICE, EchoApi.INSTANCE);
                final InboundChannel inbox = InboundChannel.named(inboxPath, ServiceHost.INBOX_TAILER, context.codec());
                final ChannelEchoAgent agent = new ChannelEchoAgent(EchoApi.INSTANCE, inbox, dirs, context.codec(),
                    mesh.slot(), context.errorHandler());
                try (AgentRunner runner = new AgentRunner(agent, IdleStrategies.byName(args[1]).get(),
                    context.errorHandler()).start())
                {
                    mesh.slot().advertiseInbox(inboxPath.toString());
                    System.out.println("READY procmesh channel echo pid " + ProcessHandle.current().pid());
                    barrier.await();
                }
            }
        }
    }
}
