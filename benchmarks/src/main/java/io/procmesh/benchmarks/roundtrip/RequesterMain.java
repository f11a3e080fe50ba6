package io.procmesh.benchmarks.roundtrip;

import io.procmesh.benchmarks.harness.LoadGenerator;
import io.procmesh.benchmarks.harness.ParentWatchdog;
import io.procmesh.benchmarks.harness.PartnerExit;
import io.procmesh.benchmarks.harness.RequestTransport;
import io.procmesh.benchmarks.harness.ResultFile;
import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.harness.RunOutcome;
import io.procmesh.benchmarks.harness.RunSpec;
import io.procmesh.benchmarks.suite.BenchConfiguration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The requesting JVM of a round-trip group: runs each spec in order against the partner and appends the recorded
 * outcomes to the result file. Args: subject idleStrategy goFile resultFile spec... It starts with its partner
 * and waits for the go file, written once the partner serves, which names the target to connect to.
 */
public final class RequesterMain
{
    private RequesterMain()
    {
    }

    /**
     * Runs an unrecorded spec until both JVMs have made enough round trips for the JIT, however slow the machine,
     * up to a few times its planned length.
     */
    private static RunOutcome warmUp(final LoadGenerator generator, final RunSpec spec) throws Exception
    {
        final long minCalls = BenchConfiguration.warmupCalls();
        final long deadlineNs = System.nanoTime() + 3 * spec.plannedMs() * 1_000_000L;
        long calls = 0;
        RunOutcome outcome;
        do
        {
            outcome = generator.run(spec);
            calls += outcome.sent();
        }
        while (calls < minCalls && System.nanoTime() - deadlineNs < 0);
        return outcome;
    }

    public static void main(final String[] args)
    {
        ParentWatchdog.arm();
        PartnerExit.runThenExit(() -> run(args));
    }

    private static void run(final String[] args) throws Exception
    {
        if (args.length < 5)
        {
            System.err.println("usage: RequesterMain <subject> <idleStrategy> <goFile> <resultFile> <spec>...");
            System.exit(2);
        }
        final Subject subject = Subject.byId(args[0]);
        final String idle = args[1];
        final Path resultFile = Path.of(args[3]);
        final List<RunSpec> specs = new ArrayList<>();
        for (int i = 4; i < args.length; i++)
        {
            specs.add(RunSpec.parse(args[i]));
        }

        subject.preload();
        final String target = GoFile.await(Path.of(args[2]), BenchConfiguration.startupTimeoutMs());
        try (RequestTransport transport = subject.connect(target, idle))
        {
            final LoadGenerator generator = new LoadGenerator(transport, BenchConfiguration.overrunFactor(),
                BenchConfiguration.drainTimeoutMs());
            for (final RunSpec spec : specs)
            {
                final RunOutcome outcome = spec.recorded() ? generator.run(spec) : warmUp(generator, spec);
                final RunKey key = RunKey.of(subject.id(), idle, spec);
                System.out.printf("RUN %s %s p50=%dns p99=%dns max=%dns throughput=%.0f/s %s%n", key.encode(),
                    spec.recorded() ? "recorded" : "warm-up", outcome.latency().getValueAtPercentile(50),
                    outcome.latency().getValueAtPercentile(99), outcome.latency().getMaxValue(),
                    outcome.throughputPerSec(), outcome.remark());
                if (spec.recorded())
                {
                    ResultFile.append(resultFile, key, outcome);
                }
            }
        }
        System.out.println("DONE");
    }
}
