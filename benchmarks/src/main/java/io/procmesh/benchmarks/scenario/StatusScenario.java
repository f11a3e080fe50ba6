package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.launcher.LauncherRun;
import io.procmesh.benchmarks.launcher.StatusCommandRuns;
import io.procmesh.benchmarks.report.Format;
import io.procmesh.benchmarks.report.LatencySummary;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.suite.SuiteContext;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Locale;

/**
 * 9. `procmesh status` against a running launcher: N runs of the command as its own cold JVM, as an operator
 * types it, timed from spawn to exit. With the CLI's class-data-sharing archive (what `./procmesh` uses once the
 * first `status` has made it) and without.
 */
public final class StatusScenario implements Scenario
{
    public static final String WITH_ARCHIVE = "status-cli-archive";
    public static final String WITHOUT_ARCHIVE = "status-no-archive";
    static final int MAX_RUNS = 20;
    private static final long WORK_MS = 120_000;
    private static final String RUNS_FACT = "status.runs";
    private static final String TOPOLOGY = """
        # Written by the benchmark suite (scenario 9, status).
        defaults:
          jvmOptions: [-Xmx256m, -XX:+UseSerialGC]
        services:
          user:
            mainClass: io.procmesh.services.user.UserServiceMain
            instances: 2
        """;

    @Override
    public String id()
    {
        return "status";
    }

    @Override
    public String number()
    {
        return "9";
    }

    @Override
    public String title()
    {
        return "`procmesh status` against a running launcher";
    }

    @Override
    public void run(final SuiteContext context, final ResultStore store) throws Exception
    {
        final int runCount = runs(context);
        context.progress("status: procmesh up with 2 user instances, then " + runCount + " + " + runCount +
            " runs of procmesh status");
        try (LauncherRun launcher = LauncherRun.start(context, "status", TOPOLOGY, WORK_MS))
        {
            launcher.awaitAllUp(context.startupTimeout());
            final StatusCommandRuns runs = new StatusCommandRuns(context, launcher.dataDir());
            final Histogram withArchive = new Histogram(3);
            final Histogram withoutArchive = new Histogram(3);
            final boolean archive = StatusCommandRuns.archiveSupported();
            if (archive)
            {
                runs.makeArchive();
            }
            // Interleaved, so both see the same load.
            for (int run = 0; run < runCount; run++)
            {
                if (archive)
                {
                    withArchive.recordValue(runs.timeNs(true));
                }
                withoutArchive.recordValue(runs.timeNs(false));
            }
            context.progress(String.format(Locale.ROOT, "status: p50 %s with the archive, %.0f ms without",
                archive ? String.format(Locale.ROOT, "%.0f ms", withArchive.getValueAtPercentile(50) / 1e6) :
                    "(not measured: class directories on the class path)",
                withoutArchive.getValueAtPercentile(50) / 1e6));
            if (archive)
            {
                store.add(new Measurement(key(WITH_ARCHIVE), LatencySummary.of(withArchive), 0, ""));
            }
            store.add(new Measurement(key(WITHOUT_ARCHIVE), LatencySummary.of(withoutArchive), 0, ""));
        }
        store.fact(RUNS_FACT, Integer.toString(runCount));
    }

    /**
     * @return 20 in the full run, fewer in the quick and smoke ones (twice their failover kills, at least 4).
     */
    public static int runs(final SuiteContext context)
    {
        return Math.min(MAX_RUNS, Math.max(4, 2 * context.mode().failoverKills()));
    }

    public static RunKey key(final String subject)
    {
        return new RunKey(subject, RunKey.NO_IDLE, 0, 0, 1);
    }

    @Override
    public void report(final ResultStore store, final StringBuilder md)
    {
        md.append("`procmesh up` supervises two user service instances; `procmesh status` then runs ")
            .append(store.fact(RUNS_FACT).orElse("N")).append(" times each way, interleaved, as its own JVM with ")
            .append("the `./procmesh` wrapper's options (`launcher.jvm-options`, `-XX:-UsePerfData`), timed from ")
            .append("spawn to exit. It reads the launcher's `state.json` and `status.json` (the registry's slots as ")
            .append("of the last health check, at most 250 ms old) and loads no Chronicle class. *archive*: with ")
            .append("the class-data-sharing archive of the CLI that the wrapper makes at the first `status` after ")
            .append("a build (measured only when the suite runs from jars: the JVM refuses an archive with class ")
            .append("directories on the class path); *no archive*: without it.\n\n");
        final List<Measurement> rows = store.measurements(key -> key.subject().equals(WITH_ARCHIVE) ||
            key.subject().equals(WITHOUT_ARCHIVE));
        if (rows.isEmpty())
        {
            md.append("_Not measured in this run._\n\n");
            return;
        }
        md.append("| status | runs | p50 ms | p90 ms | max ms |\n|---|---|---|---|---|\n");
        for (final Measurement row : rows)
        {
            final LatencySummary latency = row.latency();
            md.append("| ").append(row.key().subject().equals(WITH_ARCHIVE) ? "archive" : "no archive")
                .append(" | ").append(Format.count(latency.count()))
                .append(" | ").append(Format.millis(latency.p50()))
                .append(" | ").append(Format.millis(latency.p90()))
                .append(" | ").append(Format.millis(latency.max()))
                .append(" |\n");
        }
        md.append('\n');
    }
}
