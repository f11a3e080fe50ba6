package io.procmesh.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.Procmesh;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.rpc.FailureCode;
import io.procmesh.core.rpc.ServiceException;
import io.procmesh.core.rpc.ServiceUnavailableException;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.Signals;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import io.procmesh.services.notification.Notification;
import io.procmesh.services.notification.NotificationApi;
import io.procmesh.services.order.CreateOrderRequest;
import io.procmesh.services.order.OrderApi;
import io.procmesh.services.user.CreateUserRequest;
import io.procmesh.services.user.User;
import io.procmesh.services.user.UserApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo run as an operator runs it: a real launcher JVM supervising three service JVMs, driven through the
 * CLI (each command its own JVM) and through the services by a procmesh client in this JVM. The steps share one
 * launcher and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LauncherEndToEndTest
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(40);
    private static final String TOPOLOGY = TopologyYaml.withGrace(5_000)
        .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC]")
        .defaults("health", "{heartbeatTimeoutMs: 2000}")
        .service("user", TopologyYaml.USER)
        .service("order", TopologyYaml.ORDER, "dependsOn: [user]")
        .service("notification", TopologyYaml.NOTIFICATION)
        .yaml();

    private LauncherHarness harness;
    private ChildJvm launcher;
    private Procmesh client;
    private User alice;
    private io.procmesh.services.order.Order aliceOrder;

    @BeforeAll
    void startLauncher()
    {
        harness = LauncherHarness.create("end-to-end", TOPOLOGY);
        launcher = harness.startLauncher("launcher.log");
    }

    @AfterAll
    void cleanUp()
    {
        try
        {
            if (client != null)
            {
                client.close();
            }
        }
        finally
        {
            harness.close();
        }
    }

    @Test
    @Order(1)
    void shouldStartEveryServiceInDependencyOrderAndPrintTheTable()
    {
        harness.awaitAll(InstanceState.UP, START_TIMEOUT);
        launcher.awaitLogLine("procmesh: all 3 instances UP", Duration.ofSeconds(10));

        final String log = launcher.logText();
        assertTrue(log.indexOf("order-1 starting") > log.indexOf("user-1 UP"), "order waits for user:\n" + log);
        for (final String instanceId : List.of("user-1", "order-1", "notification-1"))
        {
            // The table follows the "all UP" line; the launcher's output reaches its log file through a pipe.
            final String line = "(?s).*\\n\\s+" + instanceId + "\\s+pid " + harness.instance(instanceId).pid() +
                "\\s+UP\\R.*";
            Await.until(() -> launcher.logText().matches(line), Duration.ofSeconds(10),
                () -> "table line for " + instanceId + ":\n" + launcher.logText());
        }
    }

    @Test
    @Order(2)
    void shouldReportEveryInstanceUpInStatusJson() throws Exception
    {
        final CliResult status = harness.cli("status", "--json", "--data-dir", harness.dataDir().toString());

        assertEquals(0, status.exitCode(), status.toString());
        final JsonNode report = new ObjectMapper().readTree(status.output());
        assertEquals(launcher.pid(), report.get("launcherPid").asLong());
        final JsonNode instances = report.get("instances");
        assertEquals(3, instances.size(), status.output());
        for (final JsonNode instance : instances)
        {
            final String instanceId = instance.get("instanceId").asText();
            assertEquals("UP", instance.get("state").asText(), status.output());
            assertEquals(harness.instance(instanceId).pid(), instance.get("pid").asLong());
            assertTrue(instance.get("alive").asBoolean());
            final long heartbeatAgeMs = instance.get("heartbeatAgeMs").asLong();
            assertTrue(heartbeatAgeMs >= 0 && heartbeatAgeMs < 2_000, status.output());
            assertTrue(instance.get("uptimeMs").asLong() > 0);
            assertEquals(0, instance.get("restarts").asInt());
        }
    }

    @Test
    @Order(3)
    void shouldServeAUserAndAnOrderAndNotifyAboutIt()
    {
        client = Procmesh.connect(new Procmesh.Context()
            .dataDir(harness.dataDir())
            .serviceName("it")
            .instanceId("it-client-" + ProcessHandle.current().pid())
            .defaultDeadlineMs(10_000));
        awaitServing(() -> users().list());
        awaitServing(() -> orders().list());
        alice = users().create(new CreateUserRequest("Alice", "alice@example.com"));
        aliceOrder = orders().create(new CreateOrderRequest(alice.id(), "book", 2)).join();

        assertEquals(alice.id(), aliceOrder.userId());
        awaitNotifications(alice.id(), 1);
        // create is asynchronous: its failure is the cause of join's CompletionException.
        final ServiceException unknownUser = assertInstanceOf(ServiceException.class, assertThrows(
            CompletionException.class, () -> orders().create(new CreateOrderRequest("no-such-user", "book", 1)).join())
            .getCause());
        assertEquals(FailureCode.FAILED_PRECONDITION, unknownUser.code());
    }

    @Test
    @Order(4)
    void shouldRestartAKilledServiceWithNoAcknowledgedDataLost()
    {
        final LauncherState.Instance before = harness.instance("user-1");
        final long killedAtNs = System.nanoTime();
        ProcessHandle.of(before.pid()).orElseThrow().destroyForcibly();

        Await.until(() ->
        {
            final LauncherState.Instance now = harness.instance("user-1");
            return now.state() == InstanceState.UP && now.pid() != before.pid();
        }, RECOVERY_TIMEOUT, () -> String.valueOf(harness.instance("user-1")));

        final LauncherState.Instance after = harness.instance("user-1");
        assertEquals(1, after.restarts());
        awaitServing(() -> users().list());
        final long detectedMs = TimeUnit.NANOSECONDS.toMillis(after.lastExitDetectedNs() - killedAtNs);
        assertTrue(detectedMs >= 0 && detectedMs < 1_000, "kill -9 detected after " + detectedMs + " ms");
        assertEquals(alice, users().get(alice.id()));
        final ServiceException duplicate = assertThrows(ServiceException.class,
            () -> users().create(new CreateUserRequest("Alice again", "alice@example.com")));
        assertEquals(FailureCode.CONFLICT, duplicate.code());
        assertEquals(aliceOrder, orders().get(aliceOrder.id()));
    }

    @Test
    @Order(5)
    void shouldReplaceAHungService()
    {
        final LauncherState.Instance before = harness.instance("notification-1");
        Signals.require(before.pid(), "STOP");

        Await.until(() ->
        {
            final LauncherState.Instance now = harness.instance("notification-1");
            return now.state() == InstanceState.UP && now.pid() != before.pid();
        }, RECOVERY_TIMEOUT, () -> String.valueOf(harness.instance("notification-1")));

        assertTrue(launcher.logText().contains("notification-1 hung: no heartbeat for"), launcher.logText());
        assertFalse(ProcessHandle.of(before.pid()).map(ProcessHandle::isAlive).orElse(false));
        final io.procmesh.services.order.Order second = orders().create(
            new CreateOrderRequest(alice.id(), "pen", 1)).join();
        final List<Notification> notifications = awaitNotifications(alice.id(), 2);
        assertTrue(notifications.stream().anyMatch(n -> n.orderId().equals(second.id())), notifications.toString());
    }

    @Test
    @Order(6)
    void shouldRestartAServiceOnRequest()
    {
        final LauncherState.Instance before = harness.instance("order-1");

        final CliResult restart = harness.cli("restart", "order", "--data-dir", harness.dataDir().toString());

        assertEquals(0, restart.exitCode(), restart.toString());
        final LauncherState.Instance after = harness.instance("order-1");
        assertTrue(restart.output().contains("restarted order: order-1 pid " + before.pid() + " -> " + after.pid()),
            restart.toString());
        assertNotEquals(before.pid(), after.pid());
        assertEquals(InstanceState.UP, after.state());
        awaitServing(() -> orders().list());
        assertEquals(aliceOrder, orders().get(aliceOrder.id()));

        final CliResult unknown = harness.cli("restart", "nope", "--data-dir", harness.dataDir().toString());
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertEquals(List.of("procmesh: unknown service 'nope' (services: user, notification, order)"),
            unknown.lines());
    }

    @Test
    @Order(7)
    void shouldLeaveNoJvmBehindAfterDown()
    {
        client.close();
        client = null;
        final Map<Long, String> pids = harness.seenPids();
        assertTrue(pids.size() >= 6, "three first pids and three replacements: " + pids);

        final CliResult down = harness.cli("down", "--data-dir", harness.dataDir().toString());

        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(ExitCodes.STOPPED_BY_SIGNAL, launcher.waitForExit(Duration.ofSeconds(10)));
        final String log = launcher.logText();
        assertTrue(log.indexOf("stopped order-1") < log.indexOf("stopping user-1"), "reverse order:\n" + log);
        for (final Map.Entry<Long, String> pid : pids.entrySet())
        {
            assertFalse(ProcessHandle.of(pid.getKey()).map(ProcessHandle::isAlive).orElse(false),
                pid.getValue() + " pid " + pid.getKey() + " still running");
        }
        final CliResult status = harness.cli("status", "--data-dir", harness.dataDir().toString());
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.output().startsWith("launcher: not running"), status.toString());
        assertTrue(status.lines().stream().filter(line -> line.matches("(user|order|notification)-1 .*"))
            .allMatch(line -> line.contains(" DOWN ")), status.toString());
    }

    private UserApi users()
    {
        return client.proxy(UserApi.class, UserApi.SERVICE);
    }

    private OrderApi orders()
    {
        return client.proxy(OrderApi.class, OrderApi.SERVICE);
    }

    /**
     * Retries a call while the service answers UNAVAILABLE, as a client should. Two core races make the first
     * call after a (re)start see UNAVAILABLE: Procmesh.connect reports UP before the ServiceHost has advertised
     * its inbox, and a client's first on-demand discovery is skipped while its background refresh is running.
     */
    private static void awaitServing(final Runnable call)
    {
        final Object[] lastSeen = new Object[1];
        Await.until(() ->
        {
            try
            {
                call.run();
                return true;
            }
            catch (final ServiceUnavailableException ex)
            {
                lastSeen[0] = ex;
                return false;
            }
        }, RECOVERY_TIMEOUT, () -> String.valueOf(lastSeen[0]));
    }

    private List<Notification> awaitNotifications(final String userId, final int count)
    {
        final NotificationApi notifications = client.proxy(NotificationApi.class, NotificationApi.SERVICE);
        final Object[] lastSeen = new Object[1];
        Await.until(() ->
        {
            try
            {
                final List<Notification> found = notifications.listByUser(userId);
                lastSeen[0] = found;
                return found.size() >= count;
            }
            catch (final ServiceException ex)
            {
                // The notification service may be restarting: keep polling, and report the error if it lasts.
                lastSeen[0] = ex;
                return false;
            }
        }, RECOVERY_TIMEOUT, () -> String.valueOf(lastSeen[0]));
        return notifications.listByUser(userId);
    }
}
