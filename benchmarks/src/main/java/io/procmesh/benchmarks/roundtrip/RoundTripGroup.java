package io.procmesh.benchmarks.roundtrip;

import io.procmesh.benchmarks.harness.KeyedOutcome;
import io.procmesh.benchmarks.harness.ResultFile;
import io.procmesh.benchmarks.harness.RunSpec;
import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.core.process.ReapedProcess;

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

    /**
     * What a group measured, and how long its partner JVM took from launch to serving.
     */
    public record Outcome(List<KeyedOutcome> runs, long responderStartupMs)
    {
    }

    public Outcome run(final SuiteContext context)
    {
        final long workMs = plannedWorkMs(context);
        final Path dataDir = context.freshDataDir(name());
        final Path results = context.resultFile(name());
        final Path goFile = results.resolveSibling(name() + ".go");
        final long startupMs;
        context.progress("round trip " + name() + ": " + specs.size() + " runs, about " + (workMs / 1000) + " s max");
        final List<String> args = new ArrayList<>(List.of(subject.id(), idleStrategy, goFile.toString(),
            results.toString()));
        for (final RunSpec spec : specs)
        {
            args.add(spec.encode());
        }
        // Both JVMs start together; the requester loads its classes, then waits for the go file naming its target.
        try (ReapedProcess responder = context.startJava(name() + "-responder", subject.responderMain(),
                 List.of(dataDir.toString(), idleStrategy), workMs);
             ReapedProcess requester = context.startJava(name() + "-requester", RequesterMain.class, args, workMs))
        {
            final String ready = responder.awaitLine("READY", context.startupTimeout());
            startupMs = responder.ageMs();
            context.progress("  " + responder.name() + " ready after " + startupMs + " ms");
            GoFile.write(goFile, subject.target(dataDir, ready));
            final int exitCode = requester.awaitExit(context.startupTimeout().plusMillis(workMs));
            context.progress("  " + requester.name() + " done");
            if (exitCode != 0)
            {
                throw new IllegalStateException("requester of " + name() + " exited with " + exitCode + "; see " +
                    requester.log() + "\n" + requester.tail());
            }
        }
        finally
        {
            context.deleteTree(dataDir);
        }
        return new Outcome(ResultFile.read(results), startupMs);
    }

    private long plannedWorkMs(final SuiteContext context)
    {
        long total = 0;
        for (final RunSpec spec : specs)
        {
            // A warm-up may repeat up to three times its length (RequesterMain.warmUp).
            final double stretch = spec.recorded() ? context.overrunFactor() : 3.0;
            total += (long)(spec.plannedMs() * stretch) + context.drainTimeoutMs();
        }
        return total;
    }
}
