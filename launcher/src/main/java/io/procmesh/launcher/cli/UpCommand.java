package io.procmesh.launcher.cli;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ShutdownSignal;
import io.procmesh.launcher.process.GracefulStop;
import io.procmesh.launcher.process.LastResort;
import io.procmesh.launcher.supervisor.Launcher;
import io.procmesh.launcher.training.ClassDataTrainingMain;
import io.procmesh.launcher.topology.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = {
        "Start every service and supervise them in the foreground.",
        "Each instance runs in its own JVM, started in dependency order. Health checks every",
        "healthCheckIntervalMs; dead, hung or stuck instances are restarted with backoff; a service",
        "restarted too often is FAILED. Ctrl-C or 'procmesh down' stops everything in reverse dependency",
        "order. Instances left running by a launcher that was killed (kill -9) are adopted, not started twice."})
final class UpCommand implements Callable<Integer>
{
    private static final long STOP_MARGIN_MS = 5_000;

    @Mixin
    private TopologyOptions options;

    @Override
    public Integer call()
    {
        final Topology topology = options.topology();
        final DataDirectory dataDirectory = options.dataDirectory(topology);
        WritableDirectory.require(dataDirectory.root());
        final long maxStopMs = GracefulStop.maxStopMs(topology.shutdownGraceMs()) + STOP_MARGIN_MS;
        try (ShutdownSignal signal = new ShutdownSignal(maxStopMs, () -> LastResort.killAll(dataDirectory)))
        {
            return Launcher.run(new Launcher.Context().topology(topology).dataDirectory(dataDirectory)
                .classDataTrainingMain(ClassDataTrainingMain.class.getName()), signal);
        }
    }
}
