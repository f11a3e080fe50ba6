package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.report.Format;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.report.MicroMeasurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.report.TargetCheck;
import io.procmesh.benchmarks.report.TargetCheck.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The targets, each checked against this run's figures: met, missed, or not measured here.
 * Round-trip targets compare 32 B requests, one in flight: against the raw floor at 10k/s and unthrottled, for
 * each idle strategy, and unthrottled (pure round trip) against Python and HTTP with procmesh's default idle
 * strategy. A comparison with a run that fell behind its rate (or, for the gateway, had errors) is inconclusive.
 */
public final class TargetChecks
{
    public static final String RAW = "raw-queue";
    public static final String PROCMESH = "procmesh";
    public static final String PYTHON = "python-mp-queue";
    public static final String HTTP = "http";
    public static final String ONE_WAY = "oneway-procmesh";
    public static final String DEFAULT_IDLE = "backoff";
    private static final int SIZE = 32;
    private static final int RATE = 10_000;
    private static final double GATEWAY_P99_LIMIT_NS = 5_000_000;
    private static final double FAILOVER_P50_LIMIT_NS = 1_500_000_000;
    private static final double STATUS_P50_LIMIT_NS = 500_000_000;
    private static final double STANDBY_P50_LIMIT_NS = 10_000_000;
    private static final double STANDBY_P99_LIMIT_NS = 50_000_000;

    private TargetChecks()
    {
    }

    public static List<TargetCheck> evaluate(final ResultStore store)
    {
        final List<TargetCheck> checks = new ArrayList<>();
        for (final int rate : new int[]{RATE, 0})
        {
            for (final String idle : List.of("busy-spin", DEFAULT_IDLE))
            {
                final RunKey key = new RunKey(PROCMESH, idle, SIZE, rate, 1);
                final Optional<Measurement> measured = store.find(key);
                final Optional<Measurement> raw = store.find(key.withSubject(RAW));
                final String where = idle + ", 32 B " + (rate == 0 ? "unthrottled" : "at 10k/s");
                checks.add(ratioAtMost("RTT p50 ≤ 1.25× raw (" + where + ")", measured, raw, 50, 1.25));
                checks.add(ratioAtMost("RTT p99.9 ≤ 2× raw (" + where + ")", measured, raw, 99.9, 2.0));
            }
        }
        final RunKey unthrottled = new RunKey(PROCMESH, DEFAULT_IDLE, SIZE, 0, 1);
        final Optional<Measurement> procmesh = store.find(unthrottled);
        checks.add(timesLower("p50 ≥ 50× lower than Python mp.Queue (32 B, unthrottled)", procmesh,
            store.find(new RunKey(PYTHON, RunKey.NO_IDLE, SIZE, 0, 1)), 50));
        checks.add(timesLower("p50 ≥ 10× lower than HTTP loopback (32 B, unthrottled)", procmesh,
            store.find(new RunKey(HTTP, RunKey.NO_IDLE, SIZE, 0, 1)), 10));
        checks.add(oneWay(store));
        checks.add(microAtMost(store, "heartbeatWrite", "heartbeat write < 50 ns", 50));
        checks.add(microAtMost(store, "counterAdd", "counter add < 50 ns", 50));
        checks.add(gateway(store));
        checks.add(failover(store));
        checks.add(status(store));
        checks.add(standby(store));
        return checks;
    }

    private static TargetCheck gateway(final ResultStore store)
    {
        final String target = "gateway ≥ 60% of bare Jetty throughput, p99 ≤ 5 ms";
        final Optional<Measurement> gateway = store.find(GatewayScenario.key(GatewayScenario.GATEWAY));
        final Optional<Measurement> bare = store.find(GatewayScenario.key(GatewayScenario.BARE_JETTY));
        if (gateway.isEmpty() || bare.isEmpty())
        {
            return new TargetCheck(target, "not measured in this run", Status.NOT_MEASURED);
        }
        final double share = gateway.get().throughput() / bare.get().throughput();
        final double p99Ns = gateway.get().latency().p99();
        final String figure = Format.perSecond(gateway.get().throughput()) + " vs " +
            Format.perSecond(bare.get().throughput()) + " req/s = " + Format.percent(share) + "; gateway p99 " +
            Format.millis(p99Ns) + " ms";
        if (!gateway.get().remark().isEmpty() || !bare.get().remark().isEmpty())
        {
            return new TargetCheck(target, figure + " (a side had errors: not comparable)", Status.INCONCLUSIVE);
        }
        final boolean met = share >= 0.6 && p99Ns <= GATEWAY_P99_LIMIT_NS;
        return new TargetCheck(target, figure, met ? Status.MET : Status.MISSED);
    }

    private static TargetCheck failover(final ResultStore store)
    {
        final String target = "failover to UP again p50 < 1.5 s";
        final Optional<Measurement> upAgain = store.find(FailoverScenario.key(FailoverScenario.UP_AGAIN));
        if (upAgain.isEmpty())
        {
            return new TargetCheck(target, "not measured in this run", Status.NOT_MEASURED);
        }
        final double p50Ns = upAgain.get().latency().p50();
        final String detected = store.find(FailoverScenario.key(FailoverScenario.DETECTED))
            .map(measurement -> "; detected p50 " + Format.millis(measurement.latency().p50()) + " ms").orElse("");
        return new TargetCheck(target, "p50 " + Format.millis(p50Ns) + " ms over " +
            Format.count(upAgain.get().latency().count()) + " kills" + detected,
            p50Ns < FAILOVER_P50_LIMIT_NS ? Status.MET : Status.MISSED);
    }

    private static TargetCheck standby(final ResultStore store)
    {
        final String target = "hot standby: kill -9 to first reply p50 ≤ 10 ms, p99 ≤ 50 ms (and failed calls)";
        final Optional<Measurement> takeOver = store.find(StandbyScenario.key());
        if (takeOver.isEmpty())
        {
            return new TargetCheck(target, "not measured in this run", Status.NOT_MEASURED);
        }
        final double p50Ns = takeOver.get().latency().p50();
        final double p99Ns = takeOver.get().latency().p99();
        return new TargetCheck(target, "p50 " + Format.millis(p50Ns) + " ms, p99 " + Format.millis(p99Ns) +
            " ms over " + Format.count(takeOver.get().latency().count()) + " kills; " +
            StandbyScenario.failed(store) + " failed calls",
            p50Ns <= STANDBY_P50_LIMIT_NS && p99Ns <= STANDBY_P99_LIMIT_NS ? Status.MET : Status.MISSED);
    }

    private static TargetCheck status(final ResultStore store)
    {
        final String target = "procmesh status p50 < 0.5 s (with the wrapper's class-data archive)";
        final Optional<Measurement> status = store.find(StatusScenario.key(StatusScenario.WITH_ARCHIVE));
        if (status.isEmpty())
        {
            return new TargetCheck(target, "not measured in this run", Status.NOT_MEASURED);
        }
        final double p50Ns = status.get().latency().p50();
        return new TargetCheck(target, "p50 " + Format.millis(p50Ns) + " ms, p90 " +
            Format.millis(status.get().latency().at(90)) + " ms over " +
            Format.count(status.get().latency().count()) + " runs",
            p50Ns < STATUS_P50_LIMIT_NS ? Status.MET : Status.MISSED);
    }

    private static TargetCheck ratioAtMost(
        final String target,
        final Optional<Measurement> measured,
        final Optional<Measurement> baseline,
        final double percentile,
        final double limit)
    {
        if (measured.isEmpty() || baseline.isEmpty())
        {
            return new TargetCheck(target, "not measured in this run", Status.NOT_MEASURED);
        }
        final double subjectNs = measured.get().latency().at(percentile);
        final double baselineNs = baseline.get().latency().at(percentile);
        final double ratio = subjectNs / baselineNs;
        return verdict(target, Format.micros(subjectNs) + " µs vs " + Format.micros(baselineNs) + " µs = " +
            Format.ratio(ratio), ratio <= limit, measured.get(), baseline.get());
    }

    private static TargetCheck timesLower(
        final String target,
        final Optional<Measurement> procmesh,
        final Optional<Measurement> other,
        final double factor)
    {
        if (procmesh.isEmpty() || other.isEmpty())
        {
            return new TargetCheck(target, "not measured in this run", Status.NOT_MEASURED);
        }
        final double procmeshNs = procmesh.get().latency().p50();
        final double otherNs = other.get().latency().p50();
        final double times = otherNs / procmeshNs;
        return verdict(target, "procmesh " + Format.micros(procmeshNs) + " µs vs " + Format.micros(otherNs) +
            " µs: " + Format.ratio(times) + " lower", times >= factor, procmesh.get(), other.get());
    }

    /**
     * A comparison where either side could not keep its rate says nothing about the target: it is inconclusive.
     */
    private static TargetCheck verdict(
        final String target,
        final String figure,
        final boolean met,
        final Measurement first,
        final Measurement second)
    {
        if (!first.comparable() || !second.comparable())
        {
            return new TargetCheck(target, figure + " (a side fell behind its rate: not comparable)",
                Status.INCONCLUSIVE);
        }
        return new TargetCheck(target, figure, met ? Status.MET : Status.MISSED);
    }

    private static TargetCheck oneWay(final ResultStore store)
    {
        final String target = "≥ 1M one-way msgs/s on one channel (256 B)";
        final List<Measurement> runs = store.measurements(key -> key.subject().equals(ONE_WAY));
        if (runs.isEmpty())
        {
            return new TargetCheck(target, "not measured in this run", Status.NOT_MEASURED);
        }
        final double rate = runs.get(0).throughput();
        return new TargetCheck(target, Format.perSecond(rate) + " msg/s",
            rate >= 1_000_000 ? Status.MET : Status.MISSED);
    }

    private static TargetCheck microAtMost(final ResultStore store, final String benchmark, final String target,
        final double limitNs)
    {
        final Optional<MicroMeasurement> measured = store.micro(benchmark);
        if (measured.isEmpty())
        {
            return new TargetCheck(target, "not measured in this run", Status.NOT_MEASURED);
        }
        final double ns = measured.get().nsPerOp();
        return new TargetCheck(target, Format.nanos(ns) + " ns/op (`" + benchmark + "`)",
            ns < limitNs ? Status.MET : Status.MISSED);
    }
}
