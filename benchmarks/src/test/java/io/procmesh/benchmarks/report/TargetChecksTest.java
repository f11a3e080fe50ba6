package io.procmesh.benchmarks.report;

import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.scenario.FailoverScenario;
import io.procmesh.benchmarks.scenario.GatewayScenario;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetChecksTest
{
    @Test
    void shouldJudgeEachTargetFromTheMatchingRowsOnly()
    {
        final ResultStore store = new ResultStore();
        store.add(row("raw-queue", "busy-spin", 10_000, 1_000, ""));
        store.add(row("procmesh", "busy-spin", 10_000, 1_200, ""));
        store.add(row("raw-queue", "backoff", 10_000, 1_000, ""));
        store.add(row("procmesh", "backoff", 10_000, 3_000, ""));
        store.add(row("procmesh", "backoff", 0, 5_000, ""));
        store.add(row("http", RunKey.NO_IDLE, 0, 300_000, ""));
        store.add(row("python-mp-queue", RunKey.NO_IDLE, 0, 60_000, "rate not sustained: 5/s achieved"));
        store.add(new MicroMeasurement("heartbeatWrite", 12.0, 0.5));

        final List<TargetChecks.Check> checks = TargetChecks.evaluate(store);

        assertEquals(TargetChecks.Status.MET, status(checks, "RTT p50 ≤ 1.25× raw (busy-spin"));
        assertEquals(TargetChecks.Status.MISSED, status(checks, "RTT p50 ≤ 1.25× raw (backoff"));
        assertEquals(TargetChecks.Status.MET, status(checks, "p50 ≥ 10× lower than HTTP"));
        assertEquals(TargetChecks.Status.INCONCLUSIVE, status(checks, "p50 ≥ 50× lower than Python"));
        assertEquals(TargetChecks.Status.MET, status(checks, "heartbeat write"));
        assertEquals(TargetChecks.Status.NOT_MEASURED, status(checks, "counter add"));
        assertEquals(TargetChecks.Status.NOT_MEASURED, status(checks, "≥ 1M one-way"));
        assertEquals(TargetChecks.Status.NOT_MEASURED, status(checks, "gateway"));
        assertEquals(TargetChecks.Status.NOT_MEASURED, status(checks, "failover"));
    }

    @Test
    void shouldJudgeTheGatewayByThroughputShareAndItsOwnP99()
    {
        assertEquals(TargetChecks.Status.MET, gatewayStatus(30_000, 4_000_000, 50_000, ""));
        assertEquals(TargetChecks.Status.MISSED, gatewayStatus(29_000, 4_000_000, 50_000, ""));
        assertEquals(TargetChecks.Status.MISSED, gatewayStatus(40_000, 6_000_000, 50_000, ""));
        assertEquals(TargetChecks.Status.INCONCLUSIVE, gatewayStatus(40_000, 1_000_000, 50_000, "errors: 3 timeouts"));
    }

    @Test
    void shouldJudgeFailoverByTheMedianTimeToUpAgain()
    {
        assertEquals(TargetChecks.Status.MET, failoverStatus(1_400_000_000L));
        assertEquals(TargetChecks.Status.MISSED, failoverStatus(1_600_000_000L));
    }

    private static TargetChecks.Status gatewayStatus(final double gatewayPerSecond, final long gatewayP99Ns,
        final double barePerSecond, final String gatewayRemark)
    {
        final ResultStore store = new ResultStore();
        store.add(new Measurement(GatewayScenario.key(GatewayScenario.GATEWAY), summary(gatewayP99Ns),
            gatewayPerSecond, gatewayRemark));
        store.add(new Measurement(GatewayScenario.key(GatewayScenario.BARE_JETTY), summary(500_000), barePerSecond,
            ""));
        return status(TargetChecks.evaluate(store), "gateway");
    }

    private static TargetChecks.Status failoverStatus(final long upAgainNs)
    {
        final ResultStore store = new ResultStore();
        store.add(new Measurement(FailoverScenario.key(FailoverScenario.UP_AGAIN), summary(upAgainNs), 0, ""));
        return status(TargetChecks.evaluate(store), "failover");
    }

    private static LatencySummary summary(final long valueNs)
    {
        final Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(valueNs, 100);
        return LatencySummary.of(histogram);
    }

    private static TargetChecks.Status status(final List<TargetChecks.Check> checks, final String targetPrefix)
    {
        return checks.stream().filter(check -> check.target().startsWith(targetPrefix)).findFirst()
            .orElseThrow(() -> new AssertionError("no target " + targetPrefix)).status();
    }

    private static Measurement row(
        final String subject,
        final String idle,
        final int rate,
        final long latencyNs,
        final String remark)
    {
        final Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(latencyNs, 1_000);
        return new Measurement(new RunKey(subject, idle, 32, rate, 1), LatencySummary.of(histogram),
            rate == 0 ? 1e9 / latencyNs : rate, remark);
    }
}
