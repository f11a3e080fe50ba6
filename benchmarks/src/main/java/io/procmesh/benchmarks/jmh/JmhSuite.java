package io.procmesh.benchmarks.jmh;

import io.procmesh.benchmarks.report.MicroMeasurement;
import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.benchmarks.suite.SuiteMode;
import io.procmesh.core.config.JvmFlags;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one of the suite's JMH classes ({@link RegistryBenchmark}, {@link BreakerBenchmark}) through JMH's API, its
 * output into the logs, and returns ns per operation. Each scenario runs its own class, so its subjects and their
 * baselines always come from the same JMH run.
 */
public final class JmhSuite
{
    private JmhSuite()
    {
    }

    /**
     * @param benchmark its {@code @Benchmark} methods are run, every one.
     * @param name      names the log ({@code jmh-<name>}) and the progress line.
     */
    public static List<MicroMeasurement> run(final SuiteContext context, final Class<?> benchmark, final String name)
        throws RunnerException
    {
        final SuiteMode mode = context.mode();
        final Path directory = context.dataRoot().resolve("jmh");
        System.setProperty(RegistryBenchmark.DIRECTORY_PROP_NAME, directory.toString());
        final List<String> jvmArgs = new ArrayList<>(JvmFlags.chronicle());
        jvmArgs.add("-D" + RegistryBenchmark.DIRECTORY_PROP_NAME + "=" + directory);
        final Options options = new OptionsBuilder()
            .include(benchmark.getName() + "\\.")
            .forks(mode.jmhForks())
            .warmupIterations(mode.jmhWarmupIterations())
            .warmupTime(TimeValue.milliseconds(mode.jmhIterationMs()))
            .measurementIterations(mode.jmhIterations())
            .measurementTime(TimeValue.milliseconds(mode.jmhIterationMs()))
            .jvmArgsAppend(jvmArgs.toArray(new String[0]))
            .shouldFailOnError(true)
            .output(context.logFile("jmh-" + name).toString())
            .build();
        context.progress("JMH " + name + " benchmarks: " + mode.jmhForks() + " fork(s), " +
            mode.jmhWarmupIterations() + "+" + mode.jmhIterations() + " iterations of " + mode.jmhIterationMs() +
            " ms each");
        final List<MicroMeasurement> measurements = new ArrayList<>();
        try
        {
            for (final RunResult result : new Runner(options).run())
            {
                final String label = result.getParams().getBenchmark();
                final String method = label.substring(label.lastIndexOf('.') + 1);
                measurements.add(new MicroMeasurement(method, result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError()));
            }
        }
        finally
        {
            context.deleteTree(directory);
        }
        return measurements;
    }
}
