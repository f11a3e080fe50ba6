package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.launcher.LauncherRun;
import io.procmesh.benchmarks.report.Format;
import io.procmesh.benchmarks.report.LatencySummary;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.launcher.figures.Failover;
import io.procmesh.launcher.figures.FailoverProbe;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * 7. Failover: the real launcher supervises one user service instance; it is killed with SIGKILL N times, and
 * the launcher's own stamps in its state file give the time to detection and to the replacement being UP.
 */
public final class FailoverScenario implements Scenario
{
    public static final String DETECTED = "failover-detected";
    public static final String UP_AGAIN = "failover-up-again";
    public static final String INSTANCE = "user-1";
    static final long RESTART_DELAY_MS = 100;
    /**
     * Short, so that each kill finds the instance stable again and is restarted after the initial delay: one
     * failure each time, not a crash loop whose growing backoff would be measured instead.
     */
    static final long STABLE_AFTER_MS = 1_000;
    private static final long STABLE_MARGIN_MS = 300;
    private static final long WORK_PER_KILL_MS = 20_000;
    private static final String KILLS_FACT = "failover.kills";
    private static final String TOPOLOGY = String.format(Locale.ROOT, """
        # Written by the benchmark suite (scenario 7, failover).
        healthCheckIntervalMs: 100
        shutdownGraceMs: 10000
        defaults:
          jvmOptions: [-Xmx256m, -XX:+UseSerialGC]
          restart: {initialBackoffMs: %d, maxBackoffMs: 5000, stableAfterMs: %d, maxRestarts: 1000, \
        withinSeconds: 60}
        services:
          user:
            mainClass: io.procmesh.services.user.UserServiceMain
            instances: 1
        """, RESTART_DELAY_MS, STABLE_AFTER_MS);

    @Override
    public String id()
    {
        return "failover";
    }

    @Override
    public String number()
    {
        return "7";
    }

    @Override
    public String title()
    {
        return "Failover: kill -9 to detected and to UP again";
    }

    @Override
    public void run(final SuiteContext context, final ResultStore store) throws Exception
    {
        final int kills = context.mode().failoverKills();
        final Duration timeout = context.startupTimeout();
        final Histogram detected = new Histogram(3);
        final Histogram upAgain = new Histogram(3);
        context.progress("failover: procmesh up with " + INSTANCE + ", then " + kills + " kills");
        try (LauncherRun launcher = LauncherRun.start(context, "failover", TOPOLOGY, kills * WORK_PER_KILL_MS))
        {
            launcher.awaitAllUp(timeout);
            for (int kill = 1; kill <= kills; kill++)
            {
                launcher.awaitUpFor(INSTANCE, STABLE_AFTER_MS + STABLE_MARGIN_MS, timeout);
                final Failover failover = FailoverProbe.killAndAwaitUp(launcher.watch(), INSTANCE, timeout);
                launcher.remember(INSTANCE, failover.restartedPid());
                detected.recordValue(failover.detectedAfterNs());
                upAgain.recordValue(failover.upAgainAfterNs());
                context.progress(String.format(Locale.ROOT, "failover %d/%d: pid %d killed, detected after %d ms, " +
                    "pid %d UP after %d ms", kill, kills, failover.killedPid(),
                    TimeUnit.NANOSECONDS.toMillis(failover.detectedAfterNs()), failover.restartedPid(),
                    TimeUnit.NANOSECONDS.toMillis(failover.upAgainAfterNs())));
            }
        }
        store.fact(KILLS_FACT, Integer.toString(kills));
        store.add(new Measurement(key(DETECTED), LatencySummary.of(detected), 0, ""));
        store.add(new Measurement(key(UP_AGAIN), LatencySummary.of(upAgain), 0, ""));
    }

    public static RunKey key(final String subject)
    {
        return new RunKey(subject, RunKey.NO_IDLE, 0, 0, 1);
    }

    @Override
    public void report(final ResultStore store, final StringBuilder md)
    {
        md.append("`procmesh up` (the launcher in its own JVM, with the `./procmesh` wrapper's options) supervises ")
            .append("one user service instance (`UserServiceMain`, `-Xmx256m -XX:+UseSerialGC` as in the demo). ")
            .append(store.fact(KILLS_FACT).map(kills -> kills + " times").orElse("N times"))
            .append(": once the instance has been UP for ").append(STABLE_AFTER_MS + STABLE_MARGIN_MS)
            .append(" ms, its pid (from the launcher's `state.json`) gets SIGKILL. *Detected*: until the launcher ")
            .append("noticed the exit; *UP again*: until the replacement reported UP in the registry, i.e. the ")
            .append(RESTART_DELAY_MS).append(" ms restart delay (the default `initialBackoffMs`) plus a new JVM's ")
            .append("start-up. Both are the launcher's own `System.nanoTime` stamps in `state.json` minus the ")
            .append("suite's, taken just before the kill (CLOCK_MONOTONIC, shared by every process), so polling ")
            .append("the file does not blur them. `stableAfterMs` is ").append(STABLE_AFTER_MS)
            .append(" ms and the restart limit is lifted, so each kill is restarted as a first failure rather ")
            .append("than with the growing backoff of a crash loop.\n\n");
        final List<Measurement> rows = store.measurements(key -> key.subject().equals(DETECTED) ||
            key.subject().equals(UP_AGAIN));
        if (rows.isEmpty())
        {
            md.append("_Not measured in this run._\n\n");
            return;
        }
        md.append("| from kill -9 to | samples | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        for (final Measurement row : rows)
        {
            final LatencySummary latency = row.latency();
            md.append("| ").append(row.key().subject().equals(DETECTED) ? "detected" : "UP again")
                .append(" | ").append(Format.count(latency.count()))
                .append(" | ").append(Format.millis(latency.p50()))
                .append(" | ").append(Format.millis(latency.p90()))
                .append(" | ").append(Format.millis(latency.p99()))
                .append(" | ").append(Format.millis(latency.max()))
                .append(" |\n");
        }
        md.append('\n');
    }
}
