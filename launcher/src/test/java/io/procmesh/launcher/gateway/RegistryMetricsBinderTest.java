package io.procmesh.launcher.gateway;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 16: instance meters exist only for entries that may still run; those of a closed client (DOWN) and
 * of a killed one (UP, silent, process gone) are removed, so clients coming and going keep the series bounded.
 */
class RegistryMetricsBinderTest
{
    private static final long SELF = ProcessHandle.current().pid();
    private static final int METERS_PER_INSTANCE = 13;

    private final Registry registry = Registry.open(TestDirectories.create("metrics-binder").resolve("registry.cm"), 16);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Throwable> errors = new ArrayList<>();
    private final RegistryView view = new RegistryView(registry, 1_000, List.of(), errors::add);

    @AfterEach
    void close()
    {
        view.close();
        registry.close();
        meters.close();
    }

    @Test
    void shouldBindOnlyEntriesThatMayStillRunAndUnbindThoseThatLeft() throws Exception
    {
        view.onRefresh(new RegistryMetricsBinder(meters));
        final long now = System.nanoTime();
        register("svc-1", SELF, InstanceStatus.UP, now);
        final InstanceSlot closed = register("client-1", SELF, InstanceStatus.UP, now);
        register("client-2", deadPid(), InstanceStatus.UP, now - TimeUnit.SECONDS.toNanos(10));
        register("client-3", SELF, InstanceStatus.STARTING, now);

        view.refresh();
        assertEquals(List.of("client-1", "client-3", "svc-1"), boundInstances(), "the killed client-2 is not bound");

        registry.deregister(closed);
        view.refresh();
        assertEquals(List.of("client-3", "svc-1"), boundInstances(), "client-1 closed: its meters are removed");
        assertEquals(2 * METERS_PER_INSTANCE, instanceMeters());

        closed.heartbeat(System.nanoTime());
        closed.status(InstanceStatus.UP);
        view.refresh();
        assertEquals(List.of("client-1", "client-3", "svc-1"), boundInstances(), "bound again once it is back");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shouldTagEveryInstanceMeterWithTheVersionAndRetagAnInstanceReplacedByAnotherVersion()
    {
        view.onRefresh(new RegistryMetricsBinder(meters));
        register("svc-1", "1.0.0", SELF, InstanceStatus.UP, System.nanoTime());
        view.refresh();
        assertEquals(List.of("1.0.0"), versionsOf("svc-1"));

        register("svc-1", "2.0.0", SELF, InstanceStatus.UP, System.nanoTime());
        view.refresh();
        assertEquals(List.of("2.0.0"), versionsOf("svc-1"), "the 1.0.0 meters are removed, not kept beside");
        assertEquals(METERS_PER_INSTANCE, instanceMeters());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    private List<String> versionsOf(final String instanceId)
    {
        return meters.getMeters().stream()
            .map(Meter::getId)
            .filter(id -> id.getName().equals("procmesh.instance.live") && instanceId.equals(id.getTag("instance")))
            .map(id -> id.getTag("version"))
            .toList();
    }

    private InstanceSlot register(final String instanceId, final long pid, final InstanceStatus status,
        final long heartbeatNs)
    {
        return register(instanceId, "1", pid, status, heartbeatNs);
    }

    private InstanceSlot register(final String instanceId, final String version, final long pid,
        final InstanceStatus status, final long heartbeatNs)
    {
        final InstanceSlot slot = registry.register(new Registration(
            instanceId.substring(0, instanceId.indexOf('-')), instanceId, version, pid, "", ""));
        slot.heartbeat(heartbeatNs);
        slot.status(status);
        return slot;
    }

    private List<String> boundInstances()
    {
        return meters.getMeters().stream()
            .map(Meter::getId)
            .filter(id -> id.getName().equals("procmesh.instance.live"))
            .map(id -> id.getTag("instance"))
            .sorted()
            .toList();
    }

    private long instanceMeters()
    {
        return meters.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("procmesh.instance."))
            .count();
    }

    /**
     * @return the pid of a process that has exited, as a client killed with -9 leaves in its entry.
     */
    private static long deadPid() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        process.waitFor(10, TimeUnit.SECONDS);
        return process.pid();
    }
}
