package io.procmesh.benchmarks.gateway;

import io.procmesh.benchmarks.report.LatencySummary;
import io.procmesh.benchmarks.report.PlotGrid;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WrkTest
{
    @Test
    void shouldReadTheFiguresTheLuaScriptPrints()
    {
        final StringBuilder output = new StringBuilder("Running 2s test @ http://127.0.0.1:1/\n")
            .append(WrkResult.PREFIX).append(" summary 20000 2000000 0 0 0 3 1\n")
            .append(WrkResult.PREFIX).append(" max 9000\n");
        for (final double percentile : PlotGrid.percentiles())
        {
            output.append(String.format(Locale.ROOT, "%s percentile %.9f %d%n", WrkResult.PREFIX, percentile,
                100 + (long)percentile));
        }
        for (final double column : new double[]{50, 90, 99, 99.9, 99.99})
        {
            output.append(String.format(Locale.ROOT, "%s percentile %.9f %d%n", WrkResult.PREFIX, column,
                100 + (long)column));
        }

        final WrkResult result = WrkResult.parse(output.toString());
        final LatencySummary latency = result.latency();

        assertEquals(10_000, result.requestsPerSecond(), 1e-9);
        assertEquals(150_000, latency.p50(), 1e-9);
        assertEquals(199_000, latency.p99(), 1e-9);
        assertEquals(9_000_000, latency.max(), 1e-9);
        assertEquals("errors: 3 responses not 2xx/3xx, 1 timeouts", result.remark());
    }

    @Test
    void shouldRefuseOutputWithoutTheScriptsReport()
    {
        assertThrows(IllegalStateException.class, () -> WrkResult.parse("Running 2s test\n  Latency 1ms\n"));
    }

    @Test
    void shouldAskTheScriptForEveryPercentileTheReportReads()
    {
        final String script = Wrk.luaScript();
        for (final String percentile : new String[]{"50.000000000", "99.990000000", "99.999000000"})
        {
            assertTrue(script.contains(percentile), percentile);
        }
    }

    @Test
    void shouldFindNoExecutableThatIsNotThere()
    {
        assertTrue(Wrk.find("/nonexistent/wrk").isEmpty());
        assertTrue(Wrk.find("procmesh-no-such-command").isEmpty());
    }
}
