package io.procmesh.launcher.cli;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.state.ControlDirectory;
import io.procmesh.launcher.state.RunningLauncher;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One request to the running launcher through its control directory, for `rollout` and `rollback`: found, submitted,
 * and waited for; the answer's lines are printed, a rejection is exit 2 with its one line, a failure exit 1.
 */
final class LauncherRequest
{
    private static final long POLL_MS = 50;

    /**
     * Submits a request.
     */
    interface Submission
    {
        String submit(ControlDirectory control) throws IOException;
    }

    private LauncherRequest()
    {
    }

    /**
     * @return the launcher running on the data directory.
     * @throws LauncherException naming why none runs, for a verb that needs one.
     */
    static ProcessHandle runningLauncher(final DataDirectory dataDirectory, final LauncherFiles files)
    {
        return RunningLauncher.find(files).orElseThrow(() ->
        {
            final String why = RunningLauncher.whyNone(files);
            return new LauncherException(ExitCodes.FAILURE, "no launcher is running for " + dataDirectory.root() +
                (why.isEmpty() ? "" : " (" + why + ")") + "; start it with 'procmesh up'");
        });
    }

    /**
     * @param what names the request in a failure line, e.g. {@code rollout of pricing to 2.0.0}.
     */
    static int run(final DataDirectory dataDirectory, final String what, final long timeoutSeconds,
                   final Submission submission) throws IOException, InterruptedException
    {
        final LauncherFiles files = new LauncherFiles(dataDirectory);
        final ProcessHandle launcher = LauncherRequest.runningLauncher(dataDirectory, files);
        final ControlDirectory control = new ControlDirectory(files.controlDirectory());
        final String requestId = submission.submit(control);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() - deadlineNs < 0)
        {
            final Optional<ControlDirectory.Result> result = control.result(requestId);
            if (result.isPresent())
            {
                if (result.get().rejected())
                {
                    throw new LauncherException(ExitCodes.USAGE, result.get().message());
                }
                if (!result.get().ok())
                {
                    throw new LauncherException(ExitCodes.FAILURE, result.get().message());
                }
                result.get().message().lines().forEach(line -> System.out.println("procmesh: " + line));
                return ExitCodes.OK;
            }
            if (!launcher.isAlive())
            {
                throw new LauncherException(ExitCodes.FAILURE, "the launcher exited before the " + what + " finished");
            }
            Thread.sleep(POLL_MS);
        }
        throw new LauncherException(ExitCodes.FAILURE, what + " not finished after " + timeoutSeconds + " s (" +
            (control.isPending(requestId) ? "the launcher has not taken it" : "still in progress") +
            "); see 'procmesh rollout --status'");
    }
}
