package io.procmesh.launcher.cli;

import io.procmesh.core.breaker.BreakerSnapshot;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a {@link StatusReport} for people: a header line, then one aligned line per instance, then one per circuit
 * breaker, if any process used one.
 * <p>
 * Columns are padded by hand rather than with {@code printf}: {@link java.util.Formatter} loads the locale's number
 * and calendar data on first use, about a tenth of the 0.5 s a {@code procmesh status} may take.
 */
final class StatusTable
{
    /** Width of each column but the last; negative pads on the right (text), positive on the left (numbers). */
    private static final int[] WIDTHS = {-22, -9, -8, 9, 5, 9, 8, 8, 8, 6, 8};
    private static final int BREAKER_NAME_WIDTH = 31;

    private StatusTable()
    {
    }

    static void print(final StatusReport report, final PrintStream out)
    {
        out.println(report.launcherRunning() ?
            "launcher: running, pid " + report.launcherPid() + "; data dir " + report.dataDir() :
            "launcher: not running (states derived from the registry); data dir " + report.dataDir());
        if (!report.note().isEmpty())
        {
            out.println("warning: " + report.note());
        }
        out.println(line("INSTANCE", "STATE", "PID", "HEARTBEAT", "PHI", "UPTIME", "RESTARTS", "REQ-IN", "REQ-OUT",
            "ERRORS", "TIMEOUTS", "DETAIL"));
        for (final StatusReport.Row row : report.instances())
        {
            out.println(line(row.instanceId(), row.state(), row.pid() > 0 ? Long.toString(row.pid()) : "-",
                row.heartbeatAgeMs() >= 0 ? row.heartbeatAgeMs() + " ms" : "-",
                row.phi() >= 0 ? String.format(Locale.ROOT, "%.1f", row.phi()) : "-",
                row.uptimeMs() >= 0 ? duration(row.uptimeMs()) : "-",
                Long.toString(row.restarts()), Long.toString(row.requestsIn()), Long.toString(row.requestsOut()),
                Long.toString(row.errors()), Long.toString(row.timeouts()), detail(row)));
        }
        if (!report.breakers().isEmpty())
        {
            out.println();
            out.println(breakerLine("BREAKER", "STATE", "CALLS", "FAILED", "SLOW", "OPENINGS", "REFUSED", "DETAIL"));
            for (final BreakerSnapshot breaker : report.breakers())
            {
                out.println(breakerLine(breaker.name(), breaker.state().name(), Long.toString(breaker.calls()),
                    Long.toString(breaker.failures()), Long.toString(breaker.slowCalls()),
                    Long.toString(breaker.openings()), Long.toString(breaker.notPermitted()),
                    breaker.retryAfterMs() > 0 ? "trial calls in " + duration(breaker.retryAfterMs()) : ""));
            }
        }
    }

    /**
     * A breaker's name and state, then its window's counts (since it last closed) and its totals.
     */
    private static String breakerLine(final String... cells)
    {
        final StringBuilder line = new StringBuilder(96).append(cells[0])
            .append(" ".repeat(Math.max(1, BREAKER_NAME_WIDTH - cells[0].length())))
            .append(cells[1]).append(" ".repeat(Math.max(1, 10 - cells[1].length())));
        for (int i = 2; i < cells.length - 1; i++)
        {
            line.append(" ".repeat(Math.max(0, 9 - cells[i].length()))).append(cells[i]).append(' ');
        }
        return line.append(' ').append(cells[cells.length - 1]).toString().stripTrailing();
    }

    /**
     * A hot standby is named first in the detail, so the columns stay what scripts parse.
     */
    private static String detail(final StatusReport.Row row)
    {
        if (row.standbyPid() <= 0)
        {
            return row.detail();
        }
        return "standby pid " + row.standbyPid() + (row.detail().isEmpty() ? "" : "; " + row.detail());
    }

    private static String line(final String... cells)
    {
        final StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < WIDTHS.length; i++)
        {
            final int width = Math.abs(WIDTHS[i]);
            final String cell = cells[i];
            if (WIDTHS[i] > 0)
            {
                line.append(" ".repeat(Math.max(0, width - cell.length()))).append(cell);
            }
            else
            {
                line.append(cell).append(" ".repeat(Math.max(0, width - cell.length())));
            }
            line.append(i == WIDTHS.length - 1 ? "  " : " ");
        }
        return line.append(cells[WIDTHS.length]).toString();
    }

    static String duration(final long millis)
    {
        final long seconds = millis / 1000;
        if (seconds >= 3600)
        {
            return seconds / 3600 + "h" + twoDigits(seconds / 60 % 60) + "m";
        }
        if (seconds >= 60)
        {
            return seconds / 60 + "m" + twoDigits(seconds % 60) + "s";
        }
        final long tenths = Math.round(millis / 100.0);
        return tenths / 10 + "." + tenths % 10 + "s";
    }

    private static String twoDigits(final long value)
    {
        return value < 10 ? "0" + value : Long.toString(value);
    }
}
