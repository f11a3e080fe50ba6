package io.procmesh.launcher;

import io.procmesh.core.Procmesh;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.rpc.ServiceTimeoutException;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoService;
import io.procmesh.core.test.Signals;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code standby: true} under one real launcher: a warm standby JVM beside echo-1, shown by status; a kill -9 of the
 * primary under a steady load is taken over by the standby with no failed call (but, at most, the one the primary
 * had claimed: at-most-once), the launcher supervises the promoted standby as echo-1 and starts a new standby; a
 * killed launcher's successor adopts both; a killed standby is started again.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StandbyTest
{
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(60);

    private final LauncherHarness harness = LauncherHarness.create("standby", dataDir -> TopologyYaml.withGrace(5_000)
        .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC]")
        .implementation("echo", EchoApi.class, EchoService.class, "standby: true",
            "jvmOptions: [-D" + EchoService.HANDLED_FILE_PROP_NAME + "=" + dataDir.resolve("handled.txt") + "]")
        .yaml());

    @AfterEach
    void cleanUp()
    {
        harness.close();
    }

    @Test
    void shouldTakeOverUnderLoadAndKeepAStandbyThroughKillsOfPrimaryLauncherAndStandby() throws Exception
    {
        final ChildJvm first = harness.startLauncher("launcher-1.log");
        harness.awaitAll(InstanceState.UP, UP_TIMEOUT);
        try (Procmesh client = Procmesh.connect(new Procmesh.Context()
            .dataDir(harness.dataDir())
            .instanceId("it-standby-" + ProcessHandle.current().pid())))
        {
            final InstanceSlot slot = client.registry().attach("echo-1");
            Await.until(slot::hasLiveStandby, UP_TIMEOUT, "a standby watches echo-1");
            final long primary = slot.pid();
            final long standby = slot.standbyPid();
            final CliResult status = harness.cli("status");
            assertTrue(status.output().contains("standby pid " + standby), status.toString());
            final CliResult json = harness.cli("status", "--json");
            assertTrue(json.output().contains("\"standbyPid\" : " + standby), json.toString());

            killPrimaryUnderLoad(client, slot, primary, standby);

            harness.awaitState("echo-1", InstanceState.UP, UP_TIMEOUT);
            assertEquals(standby, harness.instance("echo-1").pid(), "the launcher supervises the promoted standby");
            Await.until(slot::hasLiveStandby, UP_TIMEOUT, "the launcher starts a new standby");
            final long second = slot.standbyPid();
            assertNotEquals(standby, second);

            first.kill9();
            final ChildJvm next = harness.startLauncher("launcher-2.log");
            next.awaitLogLine("procmesh: all 1 instance UP", UP_TIMEOUT);
            next.awaitLogLine("echo-1 standby adopted: pid " + second, UP_TIMEOUT);
            assertEquals(standby, harness.instance("echo-1").pid());
            assertEquals(List.of(standby, second), harness.instanceProcesses("echo-1"), "no second standby");

            Signals.require(second, "KILL");
            Await.until(() -> slot.hasLiveStandby() && slot.standbyPid() != second, UP_TIMEOUT,
                "a killed standby is started again");
            assertEquals(standby, slot.pid(), "the primary is untouched by its standby's death");
        }
    }

    private void killPrimaryUnderLoad(final Procmesh client, final InstanceSlot slot, final long primary,
        final long standby) throws Exception
    {
        final EchoApi api = client.proxy(EchoApi.class, "echo", 3_000);
        final AtomicInteger acknowledged = new AtomicInteger();
        final List<String> failures = new ArrayList<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread load = new Thread(() ->
        {
            for (int n = 0; running.get(); n++)
            {
                try
                {
                    api.record("t" + n);
                    acknowledged.incrementAndGet();
                }
                catch (final RuntimeException ex)
                {
                    synchronized (failures)
                    {
                        failures.add("t" + n + " " + ex);
                    }
                }
            }
        }, "load");
        load.start();
        try
        {
            Await.until(() -> acknowledged.get() >= 100, UP_TIMEOUT, "100 calls served by the primary");
            Signals.require(primary, "KILL");
            final int atKill = acknowledged.get();
            Await.until(() -> slot.pid() == standby, UP_TIMEOUT, "the standby registered as echo-1");
            Await.until(() -> acknowledged.get() >= atKill + 100, UP_TIMEOUT, "100 calls served by the standby");
        }
        finally
        {
            running.set(false);
            load.join(30_000);
        }
        // At-most-once: a call the primary had claimed when killed is not run again, and times out; none other fails.
        final List<String> handled = Files.readAllLines(harness.dataDir().resolve("handled.txt"));
        assertTrue(failures.size() <= 1, "failed calls: " + failures);
        for (final String failure : failures)
        {
            assertTrue(failure.contains(ServiceTimeoutException.class.getSimpleName()), failure);
        }
        assertEquals(handled.size(), new HashSet<>(handled).size(), "a request handled twice");
    }
}
