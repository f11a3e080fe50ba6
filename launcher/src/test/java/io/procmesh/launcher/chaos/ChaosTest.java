package io.procmesh.launcher.chaos;

import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.HttpTestClient;
import io.procmesh.core.test.Ports;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chaos run: two clients create users and orders through the gateway while a nemesis kills (-9), stops
 * (SIGSTOP, SIGCONT) and restarts processes, the launcher included. Then every acknowledged order must exist
 * exactly once with exactly one notification, no request may have hung, every service must be UP and no log may
 * show an InterProcessDeadLockException. Figures go to target/chaos-report.json.
 * Longer run: -Dprocmesh.chaos.durationSeconds=600.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChaosTest
{
    private static final int DURATION_SECONDS = Integer.getInteger("procmesh.chaos.durationSeconds", 120);
    private static final long SEED = Long.getLong("procmesh.chaos.seed", System.nanoTime());
    private static final int MIN_FAULTS = 20;
    /**
     * Start-up, settling and the checker on top of the load. The checker lists each user's orders and
     * notifications, which the services answer by scanning their whole store, so it grows with the square of the
     * run's length: 240 s covers the 120 s and 300 s runs, and a longer run gets as long again.
     */
    private static final Duration LAUNCHER_HARD_TIMEOUT =
        Duration.ofSeconds(DURATION_SECONDS + Math.max(240L, 2L * DURATION_SECONDS));

    private final int port = Ports.free();
    private final LauncherHarness harness = LauncherHarness.create("chaos", topology(port));
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
        final Nemesis nemesis = new Nemesis(harness, firstLauncher, LAUNCHER_HARD_TIMEOUT, http, log,
            SEED);
        Await.until(() -> nemesis.allUp("", 0) && ChaosClient.getStatus(http, "/health") == 200,
            Duration.ofSeconds(90), () -> String.valueOf(harness.state()));
        final long loadEndNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(DURATION_SECONDS);

        for (int client = 1; client <= 2; client++)
        {
            threads.add(new Thread(new ChaosClient(client, http, loadEndNs, log), "chaos-client-" + client));
        }
        nemesis.until(loadEndNs - TimeUnit.SECONDS.toNanos(2));
        threads.add(new Thread(nemesis, "chaos-nemesis"));
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
        final ChaosReport report = new ChaosReport(DURATION_SECONDS, SEED, log, result, healed ? finalRecoveryMs : -1);
        report.write(Path.of("target", "chaos-report.json"));
        System.out.println(report.summary());

        assertTrue(healed, "not every instance UP with /health 200 within 60 s after the faults stopped; " +
            "logs with InterProcessDeadLockException: " + result.deadlockLogs() + "; last state: " + harness.state());
        assertEquals(0, result.hangs(), "requests with no answer within " + ChaosClient.REQUEST_TIMEOUT + ": " +
            result.hangSamples());
        assertEquals(List.of(), result.lostOrders(), "acknowledged orders lost");
        assertEquals(List.of(), result.duplicates(), "orders or notifications present more than once");
        assertEquals(List.of(), result.missingNotifications(), "acknowledged orders without a notification");
        assertEquals(List.of(), result.deadlockLogs(), "logs with InterProcessDeadLockException");
        assertEquals(0, report.unrecoveredFaults(), "faults not recovered within 60 s of the last one: " + log.faults());
        assertTrue(report.acknowledgedOrders() > 0, "no order acknowledged at all");
        if (DURATION_SECONDS >= 120)
        {
            assertTrue(log.faults().size() >= MIN_FAULTS, "only " + log.faults().size() + " faults");
        }
    }

    private static String topology(final int gatewayPort)
    {
        return TopologyYaml.withGrace(3_000)
            .setting("healthCheckIntervalMs", 100)
            .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC]")
            .defaults("health", "{heartbeatTimeoutMs: 2000, stuckAfterMs: 5000, startTimeoutMs: 30000}")
            .defaults("restart", "{initialBackoffMs: 100, maxBackoffMs: 1000, stableAfterMs: 10000, maxRestarts: 1000, "
                + "withinSeconds: 60}")
            .demoService("user")
            .demoService("order", "dependsOn: [user]")
            .demoService("notification")
            .demoGateway(gatewayPort, List.of())
            .yaml();
    }
}
