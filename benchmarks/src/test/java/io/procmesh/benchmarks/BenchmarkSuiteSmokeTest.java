package io.procmesh.benchmarks;

import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.jmh.BreakerBenchmark;
import io.procmesh.benchmarks.jmh.RegistryBenchmark;
import io.procmesh.benchmarks.launcher.StatusCommandRuns;
import io.procmesh.benchmarks.oneway.OneWayRun;
import io.procmesh.benchmarks.python.PythonPingPong;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.report.MicroMeasurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.roundtrip.Subject;
import io.procmesh.benchmarks.scenario.FailoverScenario;
import io.procmesh.benchmarks.scenario.GatewayScenario;
import io.procmesh.benchmarks.scenario.StandbyScenario;
import io.procmesh.benchmarks.scenario.StatusScenario;
import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.benchmarks.suite.SuiteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI smoke run: the whole suite in its smallest mode, with real partner JVMs, the launcher and its services,
 * Python and wrk. It checks that every scenario produces numbers, never how fast they are. Python and wrk may be
 * missing (CI machines start without wrk): their scenarios then print a skip line naming what is missing.
 */
@Timeout(value = 480, unit = TimeUnit.SECONDS)
class BenchmarkSuiteSmokeTest
{
    @Test
    void shouldProduceNumbersForEveryScenarioAndLeaveNoProcessBehind() throws Exception
    {
        final Path output = Path.of("target", "bench-smoke").toAbsolutePath();
        final ResultStore store;
        final String dataRoot;
        try (SuiteContext context = new SuiteContext().mode(SuiteMode.smoke()).outputDir(output).conclude())
        {
            dataRoot = context.dataRoot() + "/";
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
        for (final String[] pair : Stream.concat(RegistryBenchmark.BASELINES.stream(),
            BreakerBenchmark.BASELINES.stream()).toList())
        {
            for (final String benchmark : pair)
            {
                final MicroMeasurement measured = store.micro(benchmark).orElseThrow(
                    () -> new AssertionError("no JMH result for " + benchmark));
                assertTrue(measured.nsPerOp() > 0, benchmark);
            }
        }
        for (final String failover : List.of(FailoverScenario.DETECTED, FailoverScenario.UP_AGAIN))
        {
            final Measurement row = store.find(FailoverScenario.key(failover)).orElseThrow(
                () -> new AssertionError("no failover row " + failover));
            assertEquals(SuiteMode.smoke().failoverKills(), row.latency().count(), failover);
            assertTrue(row.latency().p50() > 0, failover + " p50");
        }
        final Measurement standby = store.find(StandbyScenario.key()).orElseThrow(
            () -> new AssertionError("no hot standby row"));
        assertEquals(SuiteMode.smoke().failoverKills(), standby.latency().count(), "standby kills");
        assertTrue(standby.latency().p50() > 0, "standby p50");
        // Surefire's class path has class directories, with which the JVM refuses a class-data archive.
        for (final String status : StatusCommandRuns.archiveSupported() ?
            List.of(StatusScenario.WITH_ARCHIVE, StatusScenario.WITHOUT_ARCHIVE) : List.of(StatusScenario.WITHOUT_ARCHIVE))
        {
            final Measurement row = store.find(StatusScenario.key(status)).orElseThrow(
                () -> new AssertionError("no status row " + status));
            assertEquals(4, row.latency().count(), status);
            assertTrue(row.latency().p50() > 0, status + " p50");
        }
        final boolean gatewaySkipped = store.skipReason("gateway").isPresent();
        if (!gatewaySkipped)
        {
            for (final String subject : List.of(GatewayScenario.BARE_JETTY, GatewayScenario.GATEWAY))
            {
                assertHasNumbers(store.find(GatewayScenario.key(subject)).orElseThrow(
                    () -> new AssertionError("no wrk row for " + subject)));
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
        assertTrue(sectionOf(report, "6b").contains("| `closedCall` |"), "no circuit breaker table");
        assertTrue(sectionOf(report, "7").contains("| UP again | " + SuiteMode.smoke().failoverKills() + " |"),
            "no failover table");
        assertTrue(gatewaySkipped ? sectionOf(report, "8").contains("wrk") :
            sectionOf(report, "8").contains("| gateway | 32 |"), "no gateway table or skip line naming wrk");
        assertTrue(!pythonSkipped || report.contains("skipped: no usable"), "no skip line for Python");
        assertTrue(Files.readString(output.resolve("benchmarks-latency.svg")).contains("<polyline"));
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count(),
            "a partner process outlived the suite");
        // The launcher starts its services in their own session: once it is gone they are no descendants of ours.
        assertEquals(List.of(), ProcessHandle.allProcesses().filter(process -> commandLine(process).contains(dataRoot))
            .map(process -> process.pid() + " " + commandLine(process)).toList(), "a process outlived the suite");
    }

    private static String commandLine(final ProcessHandle process)
    {
        try
        {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"), StandardCharsets.UTF_8)
                .replace('\0', ' ');
        }
        catch (final IOException ex)
        {
            // Gone between listing and reading, or not ours to read: either way not a survivor of this suite.
            return "";
        }
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
