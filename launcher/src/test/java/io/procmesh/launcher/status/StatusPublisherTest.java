package io.procmesh.launcher.status;

import io.procmesh.core.breaker.BreakerSettings;
import io.procmesh.core.breaker.BreakerSnapshot;
import io.procmesh.core.breaker.BreakerState;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.core.breaker.CircuitBreaker;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusPublisherTest
{
    private static final long INTERVAL_MS = 250;
    private static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS);

    private final Path directory = TestDirectories.create("status-publisher");
    private final Registry registry = Registry.open(directory.resolve("registry.cm"), 16);
    private final BreakerTable breakers = BreakerTable.open(directory.resolve("registry.breakers"));
    private final List<Throwable> errors = new ArrayList<>();
    private final StatusSnapshotFile file = new StatusSnapshotFile(directory.resolve("status.json"));

    @AfterEach
    void close()
    {
        breakers.close();
        registry.close();
    }

    @Test
    void shouldPublishSlotCountersAtTheIntervalAndNewMembersOnceTheyRegister()
    {
        final InstanceSlot first = registry.register(new Registration("svc", "svc-1", "1", 4242, "", ""));
        final StatusPublisher publisher = new StatusPublisher(() -> registry, breakers, file, INTERVAL_MS, errors::add);
        final long startNs = System.nanoTime();

        assertEquals(1, publisher.publishIfDue(startNs));
        assertEquals(List.of("svc-1"), ids(file.read().orElseThrow()));

        first.incrementRequestsIn();
        first.incrementRequestsIn();
        assertEquals(0, publisher.publishIfDue(startNs + INTERVAL_NS / 2), "not before the interval");
        assertEquals(1, publisher.publishIfDue(startNs + INTERVAL_NS));
        final StatusSnapshot counted = file.read().orElseThrow();
        assertEquals(2, counted.members().get(0).requestsIn(), "counters read through the bound slot");
        assertEquals(ProcessHandle.current().pid(), counted.launcherPid());

        registry.register(new Registration("svc", "svc-2", "1", 4243, "", ""));
        assertEquals(1, publisher.publishIfDue(startNs + 2 * INTERVAL_NS));
        assertEquals(List.of("svc-1", "svc-2"), ids(file.read().orElseThrow()).stream().sorted().toList(),
            "a registration moves the generation: the members are scanned again");
        assertTrue(file.read().orElseThrow().breakers().isEmpty());

        final CircuitBreaker breaker = breakers.breaker("svc->other", BreakerSettings.DEFAULT);
        for (int i = 0; i < 10; i++)
        {
            breaker.onOutcome(breaker.tryAcquire(System.nanoTime()), System.nanoTime(), 1_000, true);
        }
        assertEquals(1, publisher.publishIfDue(startNs + 3 * INTERVAL_NS));
        final BreakerSnapshot published = file.read().orElseThrow().breakers().get(0);
        assertEquals("svc->other", published.name());
        assertEquals(BreakerState.OPEN, published.state(), "read back from the file");
        assertEquals(10, published.failures());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shouldPublishNothingWithoutARegistry()
    {
        final StatusPublisher publisher = new StatusPublisher(() -> null, breakers, file, INTERVAL_MS, errors::add);
        assertEquals(0, publisher.publishIfDue(System.nanoTime()));
        assertTrue(file.read().isEmpty());
    }

    private static List<String> ids(final StatusSnapshot snapshot)
    {
        return snapshot.members().stream().map(InstanceSnapshot::instanceId).toList();
    }
}
