package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.rpc.ServiceTimeoutException;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoService;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hot standby (ServiceMain with procmesh.service.standby) beside its primary, both real JVMs of instance echo-1:
 * a kill -9 of the primary under load fails no call and the standby serves the instance id; a request the primary
 * had taken but not answered is not run again (at-most-once), and its caller gets its timeout.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HotStandbyTest
{
    private static final Duration START = Duration.ofSeconds(60);
    private final List<ChildJvm> children = new ArrayList<>();
    private Path dataDir;
    private Path handled;
    private Procmesh mesh;

    @BeforeEach
    void setUp()
    {
        dataDir = TestDirectories.create("standby");
        handled = dataDir.resolve("handled.txt");
        mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("caller-1"));
    }

    @AfterEach
    void tearDown()
    {
        mesh.close();
        children.forEach(ChildJvm::close);
    }

    @Test
    void shouldTakeOverAKilledPrimaryUnderLoadWithNoFailedCall() throws Exception
    {
        final ChildJvm primary = start("primary", false);
        final ChildJvm standby = start("standby", true);
        final EchoApi api = mesh.proxy(EchoApi.class, "echo", 3_000);
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<String> failures = new ArrayList<>();
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
                    failed.incrementAndGet();
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
            Await.until(() -> acknowledged.get() >= 200, START, "200 calls served by the primary");
            primary.kill9();
            final int atKill = acknowledged.get();
            standby.awaitLogLine("TAKEOVER echo-1", START);
            Await.until(() -> acknowledged.get() >= atKill + 200, START, "200 calls served after the take-over");
        }
        finally
        {
            running.set(false);
            load.join(30_000);
        }
        // One call is in flight at a time. If the kill lands between the primary's claim of that request and its
        // reply, at-most-once forbids running it again: that one call times out, and nothing else may fail.
        assertTrue(failed.get() <= 1, "failed calls across the take-over: " + failures);
        final List<String> lines = Files.readAllLines(handled);
        for (final String failure : failures)
        {
            assertTrue(failure.contains(ServiceTimeoutException.class.getSimpleName()), failure);
            final String token = failure.substring(0, failure.indexOf(' '));
            assertTrue(lines.stream().filter(token::equals).count() <= 1, token + " handled twice");
        }
        final InstanceSlot slot = mesh.registry().attach("echo-1");
        assertEquals(standby.pid(), slot.pid(), "the standby serves the instance id");
        assertFalse(slot.hasLiveStandby(), "the promoted standby is no standby of its own");
        assertEquals(lines.size(), new HashSet<>(lines).size(), "a request handled twice");
        // Each acknowledged call was recorded once; the timed-out one, if any, at most once.
        assertTrue(lines.size() == acknowledged.get() || lines.size() == acknowledged.get() + failed.get(),
            lines.size() + " handled for " + acknowledged.get() + " acknowledged and " + failed.get() + " failed");
    }

    @Test
    void shouldNotRunARequestTheKilledPrimaryHadTakenAgain() throws Exception
    {
        final ChildJvm primary = start("primary", false);
        start("standby", true).awaitLogLine("STANDBY echo-1", START);
        final EchoApi api = mesh.proxy(EchoApi.class, "echo", 4_000);
        final Path latch = dataDir.resolve("latch");
        final Path entered = dataDir.resolve("latch.entered");
        final Thread killer = new Thread(() ->
        {
            Await.until(() -> Files.exists(entered), START, "the primary entered the handler");
            primary.kill9();
            try
            {
                Files.delete(entered);
                // Were the request run again, it would now find the latch, answer, and leave a new marker.
                Files.createFile(latch);
            }
            catch (final java.io.IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        }, "killer");
        killer.start();
        assertThrows(ServiceTimeoutException.class, () -> api.echoWhenExists(latch.toString(), "once"),
            "a request taken by the killed primary gets no reply: its caller times out");
        killer.join(10_000);
        assertEquals("after", api.echo("after"), "the standby serves the instance id");
        assertFalse(Files.exists(entered), "the standby ran the request the primary had taken");
        final long duplicates = mesh.registry().attach("echo-1").snapshot().duplicates();
        assertTrue(duplicates >= 1, "the replayed request was not counted as already taken: " + duplicates);
    }

    private ChildJvm start(final String role, final boolean standby)
    {
        final List<String> properties = new ArrayList<>(List.of(
            "-D" + Configuration.DATA_DIR_PROP_NAME + "=" + dataDir,
            "-D" + Configuration.INSTANCE_ID_PROP_NAME + "=echo-1",
            "-D" + Configuration.SERVICE_NAME_PROP_NAME + "=echo",
            "-D" + Configuration.SERVICE_API_PROP_NAME + "=" + EchoApi.class.getName(),
            "-D" + Configuration.SERVICE_IMPLEMENTATION_PROP_NAME + "=" + EchoService.class.getName(),
            "-D" + EchoService.HANDLED_FILE_PROP_NAME + "=" + handled));
        if (standby)
        {
            properties.add("-D" + Configuration.SERVICE_STANDBY_PROP_NAME + "=true");
        }
        final ChildJvm child = ChildJvm.start(ServiceMain.class, dataDir.resolve(role + ".log"), Duration.ofMinutes(2),
            properties);
        children.add(child);
        child.awaitLogLine(standby ? "STANDBY echo-1" : "READY echo-1", START);
        return child;
    }
}
