package io.procmesh.benchmarks.roundtrip;

import io.procmesh.benchmarks.SuiteContext;
import io.procmesh.benchmarks.harness.ChildProcess;
import io.procmesh.benchmarks.harness.KeyedOutcome;
import io.procmesh.benchmarks.harness.ResultFile;
import io.procmesh.benchmarks.harness.RunSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One pair of JVMs for one subject and idle strategy: the partner that answers, then the requester that runs
 * every spec against it. Both are killed by pid when the group ends, and the group's data directory deleted.
 *
 * @param subject      what is measured.
 * @param idleStrategy the responder's idle strategy.
 * @param specs        the runs, in order; unrecorded ones warm the JIT.
 */
public record RoundTripGroup(Subject subject, String idleStrategy, List<RunSpec> specs)
{
    public String name()
    {
        return subject.id() + "-" + idleStrategy;
    }

    public List<KeyedOutcome> run(final SuiteContext context)
    {
        final long workMs = plannedWorkMs(context);
        final Path dataDir = context.freshDataDir(name());
        final Path results = context.resultFile(name());
        context.progress("round trip " + name() + ": " + specs.size() + " runs, about " + (workMs / 1000) + " s max");
        try (ChildProcess responder = context.startJava(name() + "-responder", subject.responderMain(),
            List.of(dataDir.toString(), idleStrategy), workMs))
        {
            final String ready = responder.awaitLine("READY", context.startupTimeout());
            final List<String> args = new ArrayList<>(List.of(subject.id(), idleStrategy,
                subject.target(dataDir, ready), results.toString()));
            for (final RunSpec spec : specs)
            {
                args.add(spec.encode());
            }
            try (ChildProcess requester = context.startJava(name() + "-requester", RequesterMain.class, args, workMs))
            {
                final int exitCode = requester.awaitExit(context.startupTimeout().plusMillis(workMs));
                if (exitCode != 0)
                {
                    throw new IllegalStateException("requester of " + name() + " exited with " + exitCode + "; see " +
                        requester.log() + "\n" + requester.tail());
                }
            }
        }
        finally
        {
            context.deleteTree(dataDir);
        }
        return ResultFile.read(results);
    }

    private long plannedWorkMs(final SuiteContext context)
    {
        long total = 0;
        for (final RunSpec spec : specs)
        {
            total += (long)(spec.plannedMs() * context.overrunFactor()) + context.drainTimeoutMs();
        }
        return total;
    }
}
