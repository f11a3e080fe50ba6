package io.procmesh.benchmarks;

import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.jmh.RegistryBenchmark;
import io.procmesh.benchmarks.oneway.OneWayRun;
import io.procmesh.benchmarks.python.PythonPingPong;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.report.MicroMeasurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.roundtrip.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI smoke run: the whole suite in its smallest mode, with real partner JVMs and Python. It checks that every
 * scenario produces numbers, never how fast they are.
 */
@Timeout(value = 480, unit = TimeUnit.SECONDS)
class BenchmarkSuiteSmokeTest
{
    @Test
    void shouldProduceNumbersForEveryScenarioAndLeaveNoProcessBehind() throws Exception
    {
        final Path output = Path.of("target", "bench-smoke").toAbsolutePath();
        final ResultStore store;
        try (SuiteContext context = new SuiteContext().mode(SuiteMode.smoke()).outputDir(output).conclude())
        {
            store = new BenchmarkSuite(context).run();
        }

        assertEquals(List.of(), store.failures());
        for (final Subject subject : Subject.values())
        {
            final List<Measurement> rows = store.measurements(key -> key.subject().equals(subject.id()));
            assertFalse(rows.isEmpty(), "no rows for " + subject.id());
            rows.forEach(BenchmarkSuiteSmokeTest::assertHasNumbers);
        }
        for (final Subject subject : List.of(Subject.RAW_QUEUE, Subject.PROCMESH))
        {
            assertTrue(store.find(new RunKey(subject.id(), "backoff", SuiteMode.IN_FLIGHT_PAYLOAD_BYTES, 0, 16))
                .isPresent(), "no in-flight run for " + subject.id());
        }
        for (final String oneWay : List.of(OneWayRun.RAW, OneWayRun.PROCMESH))
        {
            final List<Measurement> rows = store.measurements(key -> key.subject().equals(oneWay));
            assertEquals(1, rows.size(), oneWay);
            assertTrue(rows.get(0).throughput() > 0, oneWay + " throughput");
        }
        for (final String[] pair : RegistryBenchmark.BASELINES)
        {
            for (final String benchmark : pair)
            {
                final MicroMeasurement measured = store.micro(benchmark).orElseThrow(
                    () -> new AssertionError("no JMH result for " + benchmark));
                assertTrue(measured.nsPerOp() > 0, benchmark);
            }
        }
        final boolean pythonSkipped = store.skipReason("python").isPresent();
        if (!pythonSkipped)
        {
            final List<Measurement> python = store.measurements(key -> key.subject().equals(PythonPingPong.SUBJECT));
            assertFalse(python.isEmpty());
            python.forEach(BenchmarkSuiteSmokeTest::assertHasNumbers);
        }

        final String report = Files.readString(output.resolve("benchmarks.md"), StandardCharsets.UTF_8);
        for (int section = 1; section <= 8; section++)
        {
            assertTrue(report.contains("\n## " + section + ". "), "no section " + section);
        }
        assertTrue(sectionOf(report, "7").contains("**not yet measured: "), "no skip line for failover");
        assertTrue(sectionOf(report, "8").contains("**not yet measured: "), "no skip line for the gateway");
        assertTrue(!pythonSkipped || report.contains("skipped: no usable"), "no skip line for Python");
        assertTrue(Files.readString(output.resolve("benchmarks-latency.svg")).contains("<polyline"));
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count(),
            "a partner process outlived the suite");
    }

    private static String sectionOf(final String report, final String number)
    {
        final int start = report.indexOf("\n## " + number + ". ");
        assertTrue(start >= 0, "no section " + number);
        final int next = report.indexOf("\n## ", start + 1);
        return next < 0 ? report.substring(start) : report.substring(start, next);
    }

    private static void assertHasNumbers(final Measurement measurement)
    {
        final String name = measurement.key().encode();
        assertTrue(measurement.latency().count() > 0, name + " recorded no latency");
        assertTrue(measurement.latency().max() > 0, name + " max");
        assertTrue(measurement.throughput() > 0, name + " throughput");
    }
}
