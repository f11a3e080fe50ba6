package io.procmesh.benchmarks.roundtrip;

import io.procmesh.benchmarks.BenchConfiguration;
import io.procmesh.benchmarks.harness.LoadGenerator;
import io.procmesh.benchmarks.harness.ParentWatchdog;
import io.procmesh.benchmarks.harness.RequestTransport;
import io.procmesh.benchmarks.harness.ResultFile;
import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.harness.RunOutcome;
import io.procmesh.benchmarks.harness.RunSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The requesting JVM of a round-trip group: runs each spec in order against the partner and appends the recorded
 * outcomes to the result file. Args: subject idleStrategy target resultFile spec...
 */
public final class RequesterMain
{
    private RequesterMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        ParentWatchdog.arm();
        if (args.length < 5)
        {
            System.err.println("usage: RequesterMain <subject> <idleStrategy> <target> <resultFile> <spec>...");
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

        try (RequestTransport transport = subject.connect(args[2], idle))
        {
            final LoadGenerator generator = new LoadGenerator(transport, BenchConfiguration.overrunFactor(),
                BenchConfiguration.drainTimeoutMs());
            for (final RunSpec spec : specs)
            {
                final RunOutcome outcome = generator.run(spec);
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
        // Chronicle and JDK client threads are not all daemons; the suite waits for this exit.
        System.exit(0);
    }
}
