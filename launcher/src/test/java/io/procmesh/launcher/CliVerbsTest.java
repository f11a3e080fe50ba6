package io.procmesh.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.procmesh.core.config.JvmFlags;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.Signals;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.launcher.state.RunningLaunchers;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verbs against a real running launcher, none given {@code --data-dir}: each finds the launcher through the
 * runtime directory it recorded itself in. `status` answers from the launcher's snapshot without loading a
 * Chronicle class; `logs` prints and follows an instance's log across a kill -9 and restart; `config` writes
 * the overlay beside the topology; two launchers make the verbs ask for --data-dir.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CliVerbsTest
{
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(90);
    private static final String TOPOLOGY = TopologyYaml.withGrace(5_000)
        .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC]")
        .service("user", TopologyYaml.USER, "instances: 2")
        .yaml();

    private final LauncherHarness harness = LauncherHarness.create("cli-verbs", TOPOLOGY);

    @AfterEach
    void cleanUp()
    {
        harness.close();
    }

    @Test
    void shouldServeEveryVerbFromTheRunningLauncherWithoutDataDir() throws Exception
    {
        final ChildJvm launcher = harness.startLauncher("launcher.log");
        harness.awaitAll(InstanceState.UP, UP_TIMEOUT);
        checkStartProgress(launcher);
        Await.until(() -> Files.exists(harness.dataDir().resolve("launcher/status.json")), Duration.ofSeconds(10),
            "the launcher publishes status.json");

        final CliResult status = harness.cli(List.of("-Xlog:class+load=info"), "status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.output().contains("data dir " + harness.dataDir()), status.toString());
        assertTrue(status.output().lines().anyMatch(line -> line.startsWith("user-2 ") && line.contains(" UP ")),
            status.toString());
        assertFalse(status.output().contains("net.openhft"), "status loaded Chronicle classes while a launcher runs");

        final CliResult json = harness.cli("status", "--json");
        final JsonNode report = JsonMapper.builder().build().readTree(json.output());
        assertTrue(report.get("snapshotAgeMs").asLong() >= 0, json.toString());
        assertTrue(report.get("instances").get(0).get("heartbeatAgeMs").asLong() >= 0, json.toString());

        checkLogs();
        checkConfig();
        checkJvmFlags();
        checkSeveralLaunchers();
    }

    /**
     * A start that took longer than the progress interval printed at least one progress line before the table.
     */
    private static void checkStartProgress(final ChildJvm launcher)
    {
        launcher.awaitLogLine("procmesh: all 2 instances UP in ", UP_TIMEOUT);
        final String log = launcher.logText();
        final Matcher took = Pattern.compile("procmesh: all 2 instances UP in (\\d+\\.\\d) s").matcher(log);
        assertTrue(took.find(), log);
        if (Double.parseDouble(took.group(1)) >= 2.5)
        {
            assertTrue(Pattern.compile("procmesh: \\d+\\.\\d s: [0-2] of 2 UP; starting user-").matcher(log).find(),
                "no progress line in a start of " + took.group(1) + " s:\n" + log);
        }
    }

    private void checkLogs()
    {
        final CliResult service = harness.cli("logs", "user");
        assertEquals(0, service.exitCode(), service.toString());
        assertTrue(service.lines().stream().anyMatch(line -> line.startsWith("user-1 | === procmesh launcher")),
            service.toString());
        assertTrue(service.lines().stream().anyMatch(line -> line.startsWith("user-2 | ")), service.toString());

        final CliResult two = harness.cli("logs", "user-1", "-n", "2");
        assertEquals(0, two.exitCode(), two.toString());
        final List<String> lines = two.output().lines().toList();
        assertEquals(2, lines.size(), two.toString());
        assertTrue(lines.get(0).startsWith("=== procmesh launcher ") && lines.get(1).startsWith("READY user-1 pid "),
            "the last two lines, without a prefix for one instance: " + lines);

        final CliResult unknown = harness.cli("logs", "nosuch");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertEquals(1, unknown.lines().size(), unknown.toString());
        assertTrue(unknown.output().contains("unknown service or instance 'nosuch'"), unknown.toString());

        final ChildJvm follow = harness.startCli("logs-follow.log", "logs", "-f", "-n", "1", "user-1");
        try
        {
            final long pid = harness.instance("user-1").pid();
            // Its first line printed, it follows from the end: only the restart after the kill can add this line.
            Await.until(() -> !follow.logText().isBlank(), UP_TIMEOUT, "the follower prints the last line");
            assertFalse(follow.logText().contains("start #2 of user-1"), follow.logText());
            Signals.require(pid, "KILL");
            follow.awaitLogLine("start #2 of user-1", UP_TIMEOUT);
            harness.awaitState("user-1", InstanceState.UP, UP_TIMEOUT);
            assertTrue(follow.isAlive(), "-f keeps following until stopped");
        }
        finally
        {
            follow.close();
        }
    }

    private void checkConfig() throws IOException
    {
        final Path overlay = harness.topology().resolveSibling("topology.overlay.json");
        final CliResult set = harness.cli("config", "user", "greeting=hello", "limit=12", "tags=[1,2]");
        assertEquals(0, set.exitCode(), set.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(overlay)));
        final JsonNode written = JsonMapper.builder().build().readTree(overlay.toFile());
        assertEquals("hello", written.at("/services/user/greeting").asText());
        assertEquals(12, written.at("/services/user/limit").asInt());
        assertTrue(written.at("/services/user/tags").isArray(), written.toString());

        final CliResult removed = harness.cli("config", "user", "tags=");
        assertEquals(0, removed.exitCode(), removed.toString());
        final CliResult shown = harness.cli("config", "user");
        assertEquals(0, shown.exitCode(), shown.toString());
        assertTrue(shown.lines().stream().anyMatch(line -> line.matches("greeting\\s+\"hello\"\\s+overlay")),
            shown.toString());
        assertTrue(shown.lines().stream().anyMatch(line -> line.matches("limit\\s+12\\s+overlay")), shown.toString());
        assertFalse(shown.output().contains("tags"), shown.toString());

        final CliResult unknown = harness.cli("config", "nosuch", "a=1");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertEquals(1, unknown.lines().size(), unknown.toString());
        final CliResult badKey = harness.cli("config", "user", "9lives=1");
        assertEquals(2, badKey.exitCode(), badKey.toString());
        assertEquals(1, badKey.lines().size(), badKey.toString());
    }

    private void checkJvmFlags()
    {
        final CliResult flags = harness.cli("jvm-flags");
        assertEquals(0, flags.exitCode(), flags.toString());
        assertEquals(JvmFlags.chronicle(), flags.lines());
    }

    /**
     * A second live launcher recorded in the runtime directory (this test JVM stands in for it) makes the choice
     * ambiguous from a directory whose default is neither.
     */
    private void checkSeveralLaunchers() throws IOException
    {
        final Path otherDataDir = Files.createDirectories(harness.directory().resolve("other-data"));
        final Path entry = new RunningLaunchers(harness.runtimeDir()).register(otherDataDir);
        try
        {
            final CliResult status = harness.cli("status");
            assertEquals(2, status.exitCode(), status.toString());
            assertEquals(1, status.lines().size(), status.toString());
            final String line = status.lines().get(0);
            assertTrue(line.startsWith("procmesh: 2 launchers are running: ") &&
                line.contains(harness.dataDir() + " (pid " + harness.state().launcherPid() + ")") &&
                line.contains(otherDataDir + " (pid " + ProcessHandle.current().pid() + ")") &&
                line.endsWith("; choose one with --data-dir"), line);
        }
        finally
        {
            RunningLaunchers.unregister(entry);
        }
    }
}
