package io.procmesh.launcher.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.HttpTestClient;
import io.procmesh.core.test.Ports;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TestJars;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chaos run: two clients create users and orders and ask for quotes through the gateway while a nemesis kills
 * (-9), stops (SIGSTOP, SIGCONT) and restarts processes, the launcher included, and the fleet changes under it: the
 * user service runs two partitions, each with a hot standby, and is rolled out to a new version; the stateless
 * pricing service is scaled from 1 to 3 and back. Then every acknowledged order must exist exactly once with exactly
 * one notification, no request may have hung, every quote answered must be right, every service must be UP at its
 * count with one release and its standbys back, and no log may show an InterProcessDeadLockException. Figures go to
 * target/chaos-report.json.
 * Longer run: -Dprocmesh.chaos.durationSeconds=600.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChaosTest
{
    private static final int DURATION_SECONDS = Integer.getInteger("procmesh.chaos.durationSeconds", 120);
    private static final long SEED = Long.getLong("procmesh.chaos.seed", System.nanoTime());
    private static final int MIN_FAULTS = 20;
    private static final String USER_VERSION = "1.0.0";
    private static final String PRICING_PACKAGE = "com.example.pricing";
    private static final Path PRICING_SOURCES = Path.of("../examples/inventory/src/main/java/com/example/pricing");
    /**
     * Start-up, settling and the checker on top of the load. The checker lists each user's orders and
     * notifications, which the services answer by scanning their whole store, so it grows with the square of the
     * run's length: 240 s covers the 120 s and 300 s runs, and a longer run gets as long again.
     */
    private static final Duration LAUNCHER_HARD_TIMEOUT =
        Duration.ofSeconds(DURATION_SECONDS + Math.max(240L, 2L * DURATION_SECONDS));

    private final int port = Ports.free();
    private final LauncherHarness harness =
        LauncherHarness.create("chaos", dataDir -> topology(port, pricingJar(dataDir.getParent())));
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException
    {
        for (final Thread thread : threads)
        {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        harness.close();
    }

    @Test
    void shouldKeepEveryAcknowledgedOrderExactlyOnceUnderFaults() throws Exception
    {
        final ChildJvm firstLauncher = harness.startLauncher("launcher-1.log", LAUNCHER_HARD_TIMEOUT);
        final HttpTestClient http =
            HttpTestClient.local(port, ChaosClient.REQUEST_TIMEOUT, ChaosClient.REQUEST_TIMEOUT);
        final ChaosLog log = new ChaosLog();
        final FleetChanges fleet = new FleetChanges(harness, Map.of(
            "user", 2, "order", 1, "notification", 1, FleetChanges.SCALED, 1, "gateway", 1));
        final Nemesis nemesis = new Nemesis(harness, firstLauncher, LAUNCHER_HARD_TIMEOUT, http, fleet, log,
            SEED);
        Await.until(() -> nemesis.allUp("", 0) && ChaosClient.getStatus(http, "/health") == 200,
            Duration.ofSeconds(90), () -> String.valueOf(harness.state()));
        awaitStandbys(http);
        final long loadStartNs = System.nanoTime();
        final long loadEndNs = loadStartNs + TimeUnit.SECONDS.toNanos(DURATION_SECONDS);
        fleet.during(loadStartNs, loadEndNs);

        for (int client = 1; client <= 2; client++)
        {
            threads.add(new Thread(new ChaosClient(client, http, loadEndNs, log), "chaos-client-" + client));
        }
        nemesis.until(loadEndNs - TimeUnit.SECONDS.toNanos(2));
        threads.add(new Thread(nemesis, "chaos-nemesis"));
        threads.add(new Thread(fleet, "chaos-fleet-changes"));
        threads.forEach(Thread::start);
        for (final Thread thread : threads)
        {
            thread.join();
        }

        final long settleStartNs = System.nanoTime();
        final long settleDeadlineNs = settleStartNs + TimeUnit.SECONDS.toNanos(60);
        boolean healed = false;
        while (!healed && System.nanoTime() - settleDeadlineNs < 0)
        {
            healed = nemesis.allUp("", 0) && ChaosClient.getStatus(http, "/health") == 200;
            Await.sleep(healed ? 0 : 200);
        }
        final long finalRecoveryMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settleStartNs);

        final ChaosChecker checker = new ChaosChecker(http, log);
        final List<Path> logDirectories = List.of(harness.dataDir().resolve("logs"), harness.directory());
        final ChaosChecker.Result result = healed ? checker.check(logDirectories) :
            checker.checkWithoutSystem(logDirectories);
        final ChaosReport report = new ChaosReport(DURATION_SECONDS, SEED, log, result, healed ? finalRecoveryMs : -1,
            fleet.changes());
        report.add("standbyTakeOvers", standbyTakeOvers());
        report.write(Path.of("target", "chaos-report.json"));
        System.out.println(report.summary());

        assertTrue(healed, "not every instance UP with /health 200 within 60 s after the faults stopped; " +
            "logs with InterProcessDeadLockException: " + result.deadlockLogs() + "; last state: " + harness.state());
        assertEquals(0, result.hangs(), "requests with no answer within " + ChaosClient.REQUEST_TIMEOUT + ": " +
            result.hangSamples());
        assertEquals(List.of(), result.lostOrders(), "acknowledged users or orders lost");
        assertEquals(List.of(), result.duplicates(), "orders or notifications present more than once");
        assertEquals(List.of(), result.missingNotifications(), "acknowledged orders without a notification");
        assertEquals(List.of(), result.deadlockLogs(), "logs with InterProcessDeadLockException");
        assertEquals(0, report.unrecoveredFaults(), "faults not recovered within 60 s of the last one: " + log.faults());
        assertTrue(report.acknowledgedOrders() > 0, "no order acknowledged at all");
        assertEquals(List.of(), report.wrongAnswers(), "quotes answered wrong");
        assertEquals(List.of(), report.acknowledgedUsersNotFound(), "orders refused for an acknowledged user");
        checkFleetChanges(fleet.changes(), http);
        if (DURATION_SECONDS >= 120)
        {
            assertTrue(log.faults().size() >= MIN_FAULTS, "only " + log.faults().size() + " faults");
        }
    }

    /**
     * Each scale must succeed; the rollout must end either done (exit 0) or rolled back (exit 1, which a fault on a
     * new instance rightly causes), never refused or cut off. After it, every user instance runs one release, the
     * new one if and only if the rollout was done, and each has its standby again.
     */
    private static void checkFleetChanges(final List<FleetChanges.Change> changes, final HttpTestClient http)
        throws Exception
    {
        assertEquals(3, changes.size(), "fleet changes run: " + changes);
        for (final FleetChanges.Change change : changes)
        {
            final boolean rollout = change.command().startsWith("rollout");
            assertTrue(change.exitCode() == 0 || (rollout && change.exitCode() == 1 &&
                change.output().contains("rolled back")), change.command() + " -> exit " + change.exitCode() + ": " +
                change.output());
        }
        final boolean rolledOut = changes.get(1).exitCode() == 0;
        final Set<String> versions = new TreeSet<>();
        for (final JsonNode instance : instancesOf(http, FleetChanges.ROLLED_OUT))
        {
            versions.add(instance.path("version").asText(""));
        }
        assertEquals(Set.of(rolledOut ? FleetChanges.ROLLOUT_VERSION : USER_VERSION), versions,
            "versions of the user instances after a rollout that " + (rolledOut ? "was done" : "rolled back"));
        awaitStandbys(http);
    }

    /**
     * Every user instance has a live standby: after start, and again after the faults (a take-over's standby is
     * replaced 1 s after it, a killed standby is started again).
     */
    private static void awaitStandbys(final HttpTestClient http)
    {
        Await.until(() ->
        {
            final List<JsonNode> instances = instancesOf(http, FleetChanges.ROLLED_OUT);
            return instances.size() == 2 && instances.stream().allMatch(i -> i.path("standbyPid").asLong() > 0);
        }, Duration.ofSeconds(90),
            () -> "user instances with a standby: " + instancesOf(http, FleetChanges.ROLLED_OUT));
    }

    private static List<JsonNode> instancesOf(final HttpTestClient http, final String service)
    {
        try
        {
            final List<JsonNode> found = new ArrayList<>();
            for (final JsonNode instance : ChaosClient.getJson(http, "/services").path("instances"))
            {
                if (service.equals(instance.path("service").asText()))
                {
                    found.add(instance);
                }
            }
            return found;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private long standbyTakeOvers() throws IOException
    {
        long count = 0;
        try (Stream<Path> files = Files.list(harness.directory()))
        {
            for (final Path log : files.filter(f -> f.getFileName().toString().startsWith("launcher-")).toList())
            {
                count += Files.readAllLines(log).stream().filter(line -> line.contains("takes over")).count();
            }
        }
        return count;
    }

    /**
     * The inventory example's pricing service, compiled from its sources as a team's own jar.
     */
    private static Path pricingJar(final Path directory)
    {
        try
        {
            final Map<String, String> sources = new TreeMap<>();
            for (final String name : List.of("PricingApi", "PricingService"))
            {
                sources.put(PRICING_PACKAGE + "." + name,
                    Files.readString(PRICING_SOURCES.resolve(name + ".java"), StandardCharsets.UTF_8));
            }
            return TestJars.compile(directory, "pricing.jar", sources);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static String topology(final int gatewayPort, final Path pricingJar)
    {
        return TopologyYaml.withGrace(3_000)
            .setting("healthCheckIntervalMs", 100)
            .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC]")
            .defaults("health", "{heartbeatTimeoutMs: 2000, stuckAfterMs: 5000, startTimeoutMs: 30000}")
            .defaults("restart", "{initialBackoffMs: 100, maxBackoffMs: 1000, stableAfterMs: 10000, maxRestarts: 1000, "
                + "withinSeconds: 60}")
            // As the demo runs it (two partitions by key), each with a hot standby; rolled out during the run.
            .demoService("user", "partitions: 2", "loadBalancing: key-affinity", "affinityKey: [id, email]",
                "standby: true", "rollout: {soakMs: 1000, maxErrorRate: 0.05}", "version: " + USER_VERSION)
            .demoService("order", "dependsOn: [user]")
            .demoService("notification")
            // Stateless, so it may run any count: scaled during the run.
            .implementation(FleetChanges.SCALED, pricingJar, PRICING_PACKAGE + ".PricingApi",
                PRICING_PACKAGE + ".PricingService", "version: 1.0.0", "config: {unitPriceCents: 250}",
                "maxInstances: " + FleetChanges.SCALED_UP_TO)
            .gateway(gatewayPort, TopologyYaml.demoRoutes(), expose(), List.of())
            .yaml();
    }

    private static List<String> expose()
    {
        final List<String> expose = new ArrayList<>(TopologyYaml.demoExpose());
        expose.add(FleetChanges.SCALED + ".quote");
        return expose;
    }
}
