package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.launcher.LauncherRun;
import io.procmesh.benchmarks.launcher.SteadyCalls;
import io.procmesh.benchmarks.report.Format;
import io.procmesh.benchmarks.report.LatencySummary;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.core.Procmesh;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.services.user.CreateUserRequest;
import io.procmesh.services.user.UserApi;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * 10. Hot standby: the real launcher supervises one user service instance with {@code standby: true}; under a
 * steady open-loop load of {@code get} calls, its primary is killed with SIGKILL N times, and each time the time
 * from the kill to the first answer to a call sent after it (so served by the standby) is recorded, with every
 * call that failed across the kills.
 */
public final class StandbyScenario implements Scenario
{
    public static final String TAKE_OVER = "standby-first-reply";
    public static final String INSTANCE = "user-1";
    private static final long CALL_INTERVAL_US = 2_000;
    private static final long CALL_TIMEOUT_MS = 5_000;
    private static final long SETTLE_MS = 500;
    private static final long WARM_UP_MS = 3_000;
    private static final long WORK_PER_KILL_MS = 20_000;
    private static final String KILLS_FACT = "standby.kills";
    private static final String FAILED_FACT = "standby.failed";
    private static final String SENT_FACT = "standby.sent";
    private static final String TOPOLOGY = """
        # Written by the benchmark suite (scenario 10, hot standby).
        healthCheckIntervalMs: 100
        shutdownGraceMs: 10000
        defaults:
          jvmOptions: [-Xmx256m, -XX:+UseSerialGC]
          restart: {maxRestarts: 1000, withinSeconds: 60}
        services:
          user:
            api: io.procmesh.services.user.UserApi
            implementation: io.procmesh.services.user.UserService
            instances: 1
            standby: true
        """;

    @Override
    public String id()
    {
        return "standby";
    }

    @Override
    public String number()
    {
        return "10";
    }

    @Override
    public String title()
    {
        return "Hot standby: kill -9 of the primary to the first reply served by the standby";
    }

    @Override
    public void run(final SuiteContext context, final ResultStore store) throws Exception
    {
        final int kills = context.mode().failoverKills();
        final Duration timeout = context.startupTimeout();
        final Histogram firstReply = new Histogram(3);
        context.progress("standby: procmesh up with " + INSTANCE + " and its standby, then " + kills + " kills");
        final SteadyCalls load;
        try (LauncherRun launcher = LauncherRun.start(context, "standby", TOPOLOGY, kills * WORK_PER_KILL_MS);
             Procmesh client = Procmesh.connect(new Procmesh.Context().dataDir(launcher.dataDir())
                 .instanceId("bench-standby-" + ProcessHandle.current().pid())))
        {
            launcher.awaitAllUp(timeout);
            final String id = client.proxy(UserApi.class, "user", CALL_TIMEOUT_MS)
                .create(new CreateUserRequest("bench", "bench@example.com")).id();
            final InstanceSlot slot = client.registry().attach(INSTANCE);
            load = new SteadyCalls(client.client(), "user", "get", "\"" + id + "\"", CALL_TIMEOUT_MS,
                CALL_INTERVAL_US);
            try (load)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(WARM_UP_MS));
                for (int kill = 1; kill <= kills; kill++)
                {
                    await(slot::hasLiveStandby, timeout, "a standby watching " + INSTANCE);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SETTLE_MS));
                    final long primary = slot.pid();
                    final long standby = slot.standbyPid();
                    launcher.remember(INSTANCE, primary);
                    launcher.remember(INSTANCE, standby);
                    final long killNs = System.nanoTime();
                    ProcessHandle.of(primary).ifPresent(ProcessHandle::destroyForcibly);
                    // Answers read after this cannot be the primary's to calls sent after the kill: it is gone.
                    await(() -> !ProcessHandle.of(primary).map(ProcessHandle::isAlive).orElse(false), timeout,
                        "the end of pid " + primary);
                    final long goneNs = System.nanoTime();
                    await(() -> load.firstAnswered(killNs, goneNs) != 0, timeout, "a reply after the kill");
                    final long afterNs = load.firstAnswered(killNs, goneNs) - killNs;
                    firstReply.recordValue(afterNs);
                    load.forgetBefore(killNs);
                    await(() -> slot.pid() == standby, timeout, "the standby registered as " + INSTANCE);
                    context.progress(String.format(Locale.ROOT, "standby %d/%d: pid %d killed, standby pid %d " +
                        "answered after %.2f ms; %d failed so far", kill, kills, primary, standby, afterNs / 1e6,
                        load.failed()));
                }
            }
        }
        store.fact(KILLS_FACT, Integer.toString(kills));
        store.fact(FAILED_FACT, Integer.toString(load.failed()));
        store.fact(SENT_FACT, Long.toString(load.sent()));
        store.add(new Measurement(key(), LatencySummary.of(firstReply), 0,
            load.failed() == 0 ? "" : load.failed() + " failed: " + load.failureSamples()));
    }

    private static void await(final BooleanSupplier condition, final Duration timeout, final String what)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("no " + what + " within " + timeout.toMillis() + " ms");
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
    }

    public static RunKey key()
    {
        return new RunKey(TAKE_OVER, RunKey.NO_IDLE, 0, 0, 1);
    }

    public static int failed(final ResultStore store)
    {
        return store.fact(FAILED_FACT).map(Integer::parseInt).orElse(-1);
    }

    @Override
    public void report(final ResultStore store, final StringBuilder md)
    {
        md.append("`procmesh up` supervises one user service instance (`UserService` run by `ServiceMain`, ")
            .append("`-Xmx256m -XX:+UseSerialGC`) with `standby: true`. A client in the suite's JVM sends `get` ")
            .append("calls in an open loop, one every ").append(CALL_INTERVAL_US / 1000.0).append(" ms (deadline ")
            .append(CALL_TIMEOUT_MS / 1000).append(" s). ")
            .append(store.fact(KILLS_FACT).map(kills -> kills + " times").orElse("N times"))
            .append(", once a standby watches the instance (its pid in the slot) and ").append(SETTLE_MS)
            .append(" ms later, the primary's pid gets SIGKILL. *First reply*: from just before the kill to the ")
            .append("answer of the first call sent after it and read once the primary's pid is gone, which only the ")
            .append("standby can have served (calls go out every ")
            .append(CALL_INTERVAL_US / 1000.0)
            .append(" ms, so up to that much is waiting for the next send; the first kill comes after ")
            .append(WARM_UP_MS).append(" ms under the load). ")
            .append("*Failed*: every call of the whole run that ended in an error or a timeout; a call the primary ")
            .append("had claimed when it died is not run again (at-most-once) and times out.\n\n");
        final var row = store.find(key());
        if (row.isEmpty())
        {
            md.append("_Not measured in this run._\n\n");
            return;
        }
        final LatencySummary latency = row.get().latency();
        md.append("| from kill -9 to | kills | p50 ms | p90 ms | p99 ms | max ms | calls sent | failed |\n")
            .append("|---|---|---|---|---|---|---|---|\n")
            .append("| first reply by the standby | ").append(Format.count(latency.count()))
            .append(" | ").append(Format.millis(latency.p50()))
            .append(" | ").append(Format.millis(latency.p90()))
            .append(" | ").append(Format.millis(latency.p99()))
            .append(" | ").append(Format.millis(latency.max()))
            .append(" | ").append(store.fact(SENT_FACT).orElse("?"))
            .append(" | ").append(failed(store)).append(" |\n\n");
        if (!row.get().remark().isEmpty())
        {
            md.append("Failures: ").append(row.get().remark()).append("\n\n");
        }
    }
}
