package io.procmesh.benchmarks.report;

import io.procmesh.benchmarks.harness.RunKey;
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
