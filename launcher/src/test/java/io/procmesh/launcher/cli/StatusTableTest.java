package io.procmesh.launcher.cli;

import io.procmesh.core.breaker.BreakerSnapshot;
import io.procmesh.core.breaker.BreakerState;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusTableTest
{
    @Test
    void durationsReadAsSecondsThenMinutesThenHours()
    {
        assertEquals("0.0s", StatusTable.duration(0));
        assertEquals("1.9s", StatusTable.duration(1_949));
        assertEquals("2.0s", StatusTable.duration(1_950));
        assertEquals("59.9s", StatusTable.duration(59_940));
        assertEquals("1m00s", StatusTable.duration(60_000));
        assertEquals("59m59s", StatusTable.duration(3_599_999));
        assertEquals("1h00m", StatusTable.duration(3_600_000));
        assertEquals("25h01m", StatusTable.duration(90_061_000));
    }

    @Test
    void breakersFollowTheInstancesLinedUpUnderTheirHeader()
    {
        final StatusReport report = new StatusReport("/data", 42, "", 10, List.of(
            row("user-1", "UP", 1234, 7, 21_000, 0, 123_456)), List.of(
            new BreakerSnapshot("order->user", BreakerState.OPEN, 4_200, 12, 9, 0, 3, 2, 417, 1),
            new BreakerSnapshot("gateway->order", BreakerState.CLOSED, 0, 1_500, 0, 2, 0, 0, 0, 0)));

        final List<String> lines = print(report);

        assertEquals("", lines.get(3));
        final String header = lines.get(4);
        final String open = lines.get(5);
        final String closed = lines.get(6);
        assertTrue(header.startsWith("BREAKER "), header);
        assertTrue(open.startsWith("order->user "), open);
        assertEquals(header.indexOf("STATE"), open.indexOf("OPEN"));
        assertEquals(header.indexOf("STATE"), closed.indexOf("CLOSED"));
        assertEquals(header.indexOf("CALLS") + 5, open.indexOf(" 12 ") + 3);
        assertEquals(header.indexOf("REFUSED") + 7, open.indexOf("417") + 3);
        assertEquals(header.indexOf("DETAIL"), open.indexOf("trial calls in 4.2s"));
        assertEquals(header.indexOf("CALLS") + 5, closed.indexOf("1500") + 4);
        assertFalse(closed.contains("trial"), closed);
    }

    @Test
    void everyRowLinesUpUnderItsHeader()
    {
        final StatusReport report = new StatusReport("/data", 42, "", 10, List.of(
            row("user-1", "UP", 1234, 7, 21_000, 0, 123_456),
            row("notification-with-a-long-name-1", "FAILED", 0, -1, -1, 12, 0)), List.of());

        final List<String> lines = print(report);

        assertEquals("launcher: running, pid 42; data dir /data", lines.get(0));
        final String header = lines.get(1);
        final String user = lines.get(2);
        final String failed = lines.get(3);
        // Text columns start where their header starts; number columns end where their header ends.
        assertEquals(header.indexOf("STATE"), user.indexOf("UP"));
        assertEquals(header.indexOf("PID"), user.indexOf("1234"));
        assertEquals(header.indexOf("HEARTBEAT") + 9, user.indexOf("7 ms") + 4);
        assertEquals(header.indexOf("PHI") + 3, user.indexOf("0.3") + 3);
        assertEquals(header.indexOf("UPTIME") + 6, user.indexOf("21.0s") + 5);
        assertEquals(header.indexOf("REQ-IN") + 6, user.indexOf("123456") + 6);
        assertTrue(user.endsWith("  detail of user-1"), user);
        // A value wider than its column pushes the rest right rather than being cut.
        assertTrue(failed.startsWith("notification-with-a-long-name-1 FAILED    -        "), failed);
        assertTrue(failed.contains(" 12 "), failed);
    }

    private static StatusReport.Row row(
        final String id, final String state, final long pid, final long heartbeatMs, final long uptimeMs,
        final int restarts, final long requestsIn)
    {
        return new StatusReport.Row(id, id.substring(0, id.indexOf('-')), "1.0.0", state, pid, pid > 0, heartbeatMs,
            heartbeatMs >= 0 ? 0.3 : -1, uptimeMs, restarts, requestsIn, 0, 0, 0, "detail of " + id, true, Map.of(), 0);
    }

    private static List<String> print(final StatusReport report)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusTable.print(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
