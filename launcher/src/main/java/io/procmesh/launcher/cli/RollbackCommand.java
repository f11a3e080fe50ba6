package io.procmesh.launcher.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = {
        "Undo the last completed rollout of a service: its instances are replaced, one at a time and the same",
        "safe way as a rollout, by the version and class path they ran before it."})
final class RollbackCommand implements Callable<Integer>
{
    @Mixin
    private TopologyOptions options;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service, e.g. pricing.")
    private String service;

    @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "600",
        description = "Give up waiting after this long (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        return LauncherRequest.run(options.runningDataDirectory(), "rollback of " + service, timeoutSeconds,
            control -> control.submitRollout("rollback", service, "", List.of()));
    }
}
