package io.procmesh.launcher.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Prints a {@link StatusReport} for people: a header line, then one aligned line per instance.
 */
final class StatusTable
{
    private static final String FORMAT = "%-22s %-9s %-8s %9s %9s %8s %8s %8s %6s %8s  %s%n";

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
        out.printf(FORMAT, "INSTANCE", "STATE", "PID", "HEARTBEAT", "UPTIME", "RESTARTS", "REQ-IN", "REQ-OUT",
            "ERRORS", "TIMEOUTS", "DETAIL");
        for (final StatusReport.Row row : report.instances())
        {
            out.printf(FORMAT, row.instanceId(), row.state(), row.pid() > 0 ? Long.toString(row.pid()) : "-",
                row.heartbeatAgeMs() >= 0 ? row.heartbeatAgeMs() + " ms" : "-",
                row.uptimeMs() >= 0 ? duration(row.uptimeMs()) : "-",
                row.restarts(), row.requestsIn(), row.requestsOut(), row.errors(), row.timeouts(), row.detail());
        }
    }

    static String duration(final long millis)
    {
        final Duration duration = Duration.ofMillis(millis);
        if (duration.toHours() > 0)
        {
            return String.format("%dh%02dm", duration.toHours(), duration.toMinutesPart());
        }
        if (duration.toMinutes() > 0)
        {
            return String.format("%dm%02ds", duration.toMinutes(), duration.toSecondsPart());
        }
        return String.format("%.1fs", millis / 1000.0);
    }
}
