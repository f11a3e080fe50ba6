package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.report.LatencySummary;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.report.MicroMeasurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.report.TargetCheck;
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

        final List<TargetCheck> checks = TargetChecks.evaluate(store);

        assertEquals(TargetCheck.Status.MET, status(checks, "RTT p50 ≤ 1.25× raw (busy-spin"));
        assertEquals(TargetCheck.Status.MISSED, status(checks, "RTT p50 ≤ 1.25× raw (backoff"));
        assertEquals(TargetCheck.Status.MET, status(checks, "p50 ≥ 10× lower than HTTP"));
        assertEquals(TargetCheck.Status.INCONCLUSIVE, status(checks, "p50 ≥ 50× lower than Python"));
        assertEquals(TargetCheck.Status.MET, status(checks, "heartbeat write"));
        assertEquals(TargetCheck.Status.NOT_MEASURED, status(checks, "counter add"));
        assertEquals(TargetCheck.Status.NOT_MEASURED, status(checks, "≥ 1M one-way"));
        assertEquals(TargetCheck.Status.NOT_MEASURED, status(checks, "gateway"));
        assertEquals(TargetCheck.Status.NOT_MEASURED, status(checks, "failover"));
        assertEquals(TargetCheck.Status.NOT_MEASURED, status(checks, "procmesh status"));
    }

    @Test
    void shouldJudgeStatusByTheMedianWithTheArchiveOnly()
    {
        assertEquals(TargetCheck.Status.MET, statusCommandStatus(StatusScenario.WITH_ARCHIVE, 450_000_000L));
        assertEquals(TargetCheck.Status.MISSED, statusCommandStatus(StatusScenario.WITH_ARCHIVE, 550_000_000L));
        assertEquals(TargetCheck.Status.NOT_MEASURED,
            statusCommandStatus(StatusScenario.WITHOUT_ARCHIVE, 450_000_000L));
    }

    @Test
    void shouldJudgeTheGatewayByThroughputShareAndItsOwnP99()
    {
        assertEquals(TargetCheck.Status.MET, gatewayStatus(30_000, 4_000_000, 50_000, ""));
        assertEquals(TargetCheck.Status.MISSED, gatewayStatus(29_000, 4_000_000, 50_000, ""));
        assertEquals(TargetCheck.Status.MISSED, gatewayStatus(40_000, 6_000_000, 50_000, ""));
        assertEquals(TargetCheck.Status.INCONCLUSIVE, gatewayStatus(40_000, 1_000_000, 50_000, "errors: 3 timeouts"));
    }

    @Test
    void shouldJudgeFailoverByTheMedianTimeToUpAgain()
    {
        assertEquals(TargetCheck.Status.MET, failoverStatus(1_400_000_000L));
        assertEquals(TargetCheck.Status.MISSED, failoverStatus(1_600_000_000L));
    }

    private static TargetCheck.Status gatewayStatus(final double gatewayPerSecond, final long gatewayP99Ns,
        final double barePerSecond, final String gatewayRemark)
    {
        final ResultStore store = new ResultStore();
        store.add(new Measurement(GatewayScenario.key(GatewayScenario.GATEWAY), summary(gatewayP99Ns),
            gatewayPerSecond, gatewayRemark));
        store.add(new Measurement(GatewayScenario.key(GatewayScenario.BARE_JETTY), summary(500_000), barePerSecond,
            ""));
        return status(TargetChecks.evaluate(store), "gateway");
    }

    private static TargetCheck.Status failoverStatus(final long upAgainNs)
    {
        final ResultStore store = new ResultStore();
        store.add(new Measurement(FailoverScenario.key(FailoverScenario.UP_AGAIN), summary(upAgainNs), 0, ""));
        return status(TargetChecks.evaluate(store), "failover");
    }

    private static TargetCheck.Status statusCommandStatus(final String subject, final long p50Ns)
    {
        final ResultStore store = new ResultStore();
        store.add(new Measurement(StatusScenario.key(subject), summary(p50Ns), 0, ""));
        return status(TargetChecks.evaluate(store), "procmesh status");
    }

    private static LatencySummary summary(final long valueNs)
    {
        final Histogram histogram = new Histogram(3);
        histogram.recordValueWithCount(valueNs, 100);
        return LatencySummary.of(histogram);
    }

    private static TargetCheck.Status status(final List<TargetCheck> checks, final String targetPrefix)
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
