package io.procmesh.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.procmesh.core.Procmesh;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.Signals;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.CrashingMain;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts from a real launcher to a real HTTP receiver started by the test, in Alertmanager's webhook format: a
 * crash-looping service raises a restart storm, then FAILED (which resolves the storm); a frozen instance killed as
 * hung raises InstanceHung, resolved once it is UP again, and names the incident written up for it (the call left in
 * its inbox, its counters and log; {@code procmesh incidents}). The receiver refuses the first post, which is retried.
 * While the receiver refuses everything an alert is raised and the launcher is killed with SIGKILL before it could
 * deliver it; the next launcher delivers it. {@code procmesh alerts} lists every event, in order.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AlertingTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE_ID = "u-incident-probe";
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger posts = new AtomicInteger();
    private final AtomicBoolean refusing = new AtomicBoolean();
    private final HttpServer receiver = receiver();
    private final LauncherHarness harness = LauncherHarness.create("alerting", TopologyYaml.withGrace(5_000)
        .setting("alerting", "{webhook: 'http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook'}")
        .defaults("jvmOptions", "[-Xmx64m, -XX:+UseSerialGC]")
        .service("crasher", CrashingMain.class,
            "restart: {initialBackoffMs: 50, maxBackoffMs: 200, maxRestarts: 2, withinSeconds: 60}")
        .service("user", TopologyYaml.USER, "health: {heartbeatTimeoutMs: 1000}")
        .yaml());

    @AfterEach
    void cleanUp()
    {
        harness.close();
        receiver.stop(0);
    }

    @Test
    void shouldPostEveryAlertAndItsResolutionAndLoseNoneAcrossAKilledLauncher() throws Exception
    {
        final ChildJvm first = harness.startLauncher("launcher-1.log");
        harness.awaitState("crasher-1", InstanceState.FAILED, WAIT);
        final JsonNode failed = awaitAlert("ServiceFailed", "firing", "crasher");
        assertEquals("4", failed.get("version").asText());
        final JsonNode entry = failed.get("alerts").get(0);
        assertEquals("critical", entry.get("labels").get("severity").asText());
        assertTrue(entry.get("annotations").get("description").asText()
            .startsWith("service 'crasher' FAILED: more than 2 restarts within 60 s"), entry.toString());
        assertEquals("0001-01-01T00:00:00Z", entry.get("endsAt").asText(), "firing: no end yet");
        assertTrue(entry.get("fingerprint").asText().matches("[0-9a-f]{16}"), entry.toString());
        awaitAlert("RestartStorm", "firing", "crasher");
        final JsonNode stormOver = awaitAlert("RestartStorm", "resolved", "crasher");
        assertTrue(!stormOver.get("alerts").get(0).get("endsAt").asText().startsWith("0001"), stormOver.toString());
        assertTrue(posts.get() > received.size(), "the first post was refused and sent again");
        assertTrue(first.logText().contains("ALERT service 'crasher' FAILED"), first.logText());

        harness.awaitState("user-1", InstanceState.UP, WAIT);
        final long frozen = harness.instance("user-1").pid();
        try (Procmesh client = Procmesh.connect(new Procmesh.Context().dataDir(harness.dataDir()).serviceName("it")
            .instanceId("it-alerting-" + ProcessHandle.current().pid())))
        {
            // Answered (the user does not exist): it stays in user-1's inbox for the incident to show.
            client.client().callJson("user", "get", "\"" + PROBE_ID + "\"", 5_000).handle((answer, error) -> null)
                .get(10, TimeUnit.SECONDS);
        }
        Signals.require(frozen, "STOP");
        final JsonNode hung = awaitAlert("InstanceHung", "firing", "user");
        assertEquals("user-1", hung.get("alerts").get(0).get("labels").get("instance").asText());
        checkIncident(hung.get("alerts").get(0).get("annotations").get("description").asText(), frozen);
        awaitAlert("InstanceHung", "resolved", "user");
        final String fingerprint = hung.get("alerts").get(0).get("fingerprint").asText();
        assertEquals(fingerprint, findAlert("InstanceHung", "resolved", "user").get("alerts").get(0)
            .get("fingerprint").asText(), "one condition, one fingerprint");

        // Nothing reaches the receiver now: the next alert waits in the topic when the launcher is killed.
        refusing.set(true);
        final long frozenAgain = harness.instance("user-1").pid();
        Signals.require(frozenAgain, "STOP");
        Await.until(() -> first.logText().contains("ALERT user-1 pid " + frozenAgain + " killed"), WAIT,
            () -> "no second InstanceHung: " + first.logText());
        final int deliveredBefore = received.size();
        first.kill9();
        Signals.send(frozenAgain, "KILL");
        refusing.set(false);
        final ChildJvm second = harness.startLauncher("launcher-2.log");
        Await.until(() -> received.size() > deliveredBefore && received.stream().anyMatch(alert ->
                alert.get("alerts").get(0).get("annotations").get("description").asText()
                    .contains("pid " + frozenAgain + " killed")), WAIT,
            () -> "the alert raised before the kill never came: " + received);
        second.awaitLogLine("procmesh:", WAIT);

        final CliResult listed = harness.cli("alerts", "--json");
        assertEquals(0, listed.exitCode(), listed.toString());
        final List<String> names = new ArrayList<>();
        for (final String line : listed.lines())
        {
            final JsonNode alert = JSON.readTree(line);
            names.add(alert.get("name").asText() + "/" + alert.get("status").asText());
        }
        assertTrue(names.indexOf("RestartStorm/firing") < names.indexOf("ServiceFailed/firing") &&
            names.indexOf("ServiceFailed/firing") < names.indexOf("InstanceHung/firing") &&
            names.indexOf("InstanceHung/firing") < names.indexOf("InstanceHung/resolved"), names.toString());
        final CliResult table = harness.cli("alerts");
        assertTrue(table.lines().stream().anyMatch(line -> line.contains(" FIRING   critical ServiceFailed " +
            "crasher: service 'crasher' FAILED")), table.toString());
    }

    /**
     * The alert names the incident; its folder has what happened, the counters, the inbox's last messages (the
     * probe's call among them) and the log; `procmesh incidents` lists it and shows it.
     */
    private void checkIncident(final String description, final long pid) throws Exception
    {
        final Matcher named = Pattern.compile("; incident (\\S+)$").matcher(description);
        assertTrue(named.find(), description);
        final String id = named.group(1);
        final Path folder = harness.dataDir().resolve("incidents").resolve(id);
        Await.until(() -> Files.exists(folder.resolve("inbox.txt")), WAIT, () -> "no incident folder " + folder);
        final JsonNode incident = JSON.readTree(folder.resolve("incident.json").toFile());
        assertEquals("user-1", incident.get("instance").asText());
        assertEquals(pid, incident.get("pid").asLong());
        assertEquals("hung", incident.get("what").asText());
        assertTrue(incident.get("counters").get("requestsIn").asLong() >= 1, incident.toString());
        final String inbox = Files.readString(folder.resolve("inbox.txt"));
        assertTrue(inbox.contains("-> user.get") && inbox.contains(PROBE_ID), inbox);
        assertTrue(Files.readString(folder.resolve("log.txt")).contains("user-1"), "the instance's log");

        final CliResult listed = harness.cli("incidents");
        assertTrue(listed.lines().stream().anyMatch(line -> line.startsWith(id + "  ") &&
            line.contains("user-1 pid " + pid + " hung: ")), listed.toString());
        final CliResult shown = harness.cli("incidents", id);
        assertEquals(0, shown.exitCode(), shown.toString());
        assertTrue(shown.output().contains(PROBE_ID), shown.toString());
        final CliResult unknown = harness.cli("incidents", "nosuch");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertEquals(1, unknown.lines().size(), unknown.toString());
    }

    private JsonNode awaitAlert(final String name, final String status, final String service)
    {
        Await.until(() -> findAlert(name, status, service) != null, WAIT,
            () -> "no " + name + " " + status + " for " + service + "; received " + received);
        return findAlert(name, status, service);
    }

    private JsonNode findAlert(final String name, final String status, final String service)
    {
        for (final JsonNode alert : received)
        {
            final JsonNode labels = alert.get("alerts").get(0).get("labels");
            if (alert.get("status").asText().equals(status) && labels.get("alertname").asText().equals(name) &&
                labels.path("service").asText().equals(service))
            {
                return alert;
            }
        }
        return null;
    }

    /**
     * Answers 503 to its first post and whenever the test makes it refuse, 200 otherwise, keeping what it took.
     */
    private HttpServer receiver()
    {
        try
        {
            final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hook", exchange ->
            {
                try (InputStream body = exchange.getRequestBody())
                {
                    final byte[] bytes = body.readAllBytes();
                    final boolean refuse = posts.getAndIncrement() == 0 || refusing.get();
                    if (!refuse)
                    {
                        received.add(JSON.readTree(bytes));
                    }
                    exchange.sendResponseHeaders(refuse ? 503 : 200, -1);
                }
                finally
                {
                    exchange.close();
                }
            });
            server.start();
            return server;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
