package io.procmesh.launcher.supervisor;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.health.InstanceHealth;
import io.procmesh.launcher.process.AdoptedChild;
import io.procmesh.launcher.process.ChildClassPath;
import io.procmesh.launcher.process.ChildProcess;
import io.procmesh.launcher.process.ChildSpawner;
import io.procmesh.launcher.process.Zombie;
import io.procmesh.launcher.topology.HealthPolicy;
import io.procmesh.launcher.topology.RestartPolicy;
import io.procmesh.launcher.topology.ServiceDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 18b: stopping an instance ends even when its process never seems to exit, with an alert, instead of
 * waiting for it forever; and an adopted child that is a zombie has exited. Issue 12: an instance `procmesh scale`
 * removes is stopped once drained and never started again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SupervisedInstanceStopTest
{
    private static final long GRACE_MS = 1_000;
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    // GracefulStop.AFTER_KILL_WAIT_MS: spelt out so that this test also runs against the code before the fix.
    private static final long AFTER_KILL_WAIT_MS = 5_000;
    private static final ServiceDefinition USER = new ServiceDefinition("user", "com.example.UserMain", 1,
        List.of(), List.of(), List.of(), new HealthPolicy(2_000, 5_000, 30_000),
        new RestartPolicy(100, 5_000, 10_000, 5, 60));

    private final Path directory = TestDirectories.create("supervised-instance-stop");
    private final Registry registry = Registry.open(directory.resolve("registry.cm"), 16);
    private final List<Throwable> errors = new ArrayList<>();
    private final SupervisedInstance instance = new SupervisedInstance(new SupervisedService(USER), "user-1", 0,
        new InstanceHealth("user-1", "user", registry, USER.health()),
        new ChildSpawner(new DataDirectory(directory), ChildClassPath.ofThisJvm(), null), GRACE_MS, GRACE_MS,
        () ->
        {
        },
        () ->
        {
        },
        errors::add);

    @AfterEach
    void cleanUp()
    {
        registry.close();
    }

    @Test
    void shouldGiveUpWithAnAlertOnAProcessThatOutlivesSigkill()
    {
        final Undying child = new Undying();
        final long startNs = 1_000 * MS;
        instance.adopt(child, 0, startNs);
        instance.restartNow(startNs);
        instance.onCycle(startNs + GRACE_MS * MS);
        assertEquals(1, child.kills, "SIGKILL once the grace period is over");

        instance.onCycle(startNs + (GRACE_MS + AFTER_KILL_WAIT_MS) * MS - 1);
        assertEquals("restart requested: stopping", instance.detail(), "still waiting just before the deadline");
        assertEquals(List.of(), errors);

        instance.onCycle(startNs + (GRACE_MS + AFTER_KILL_WAIT_MS) * MS);
        assertEquals("restarting", instance.detail(), "no longer waiting for it");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).getMessage().contains("did not exit within 5000 ms of SIGKILL"),
            errors.get(0).getMessage());
    }

    @Test
    void shouldSeeThatAnAdoptedZombieHasExited()
    {
        try (Zombie zombie = new Zombie())
        {
            final long startNs = 1_000 * MS;
            instance.adopt(new AdoptedChild(zombie.handle()), 0, startNs);
            instance.restartNow(startNs);
            instance.onCycle(startNs + MS);

            assertEquals("restarting", instance.detail(), "a zombie has exited: nothing to wait for");
            assertEquals(List.of(), errors);
        }
    }

    @Test
    void shouldRetireAScaledDownInstanceForGood()
    {
        final Obedient child = new Obedient();
        final long startNs = 1_000 * MS;
        instance.adopt(child, 0, startNs);
        instance.drain(startNs);
        assertEquals(InstanceState.DRAINING, instance.state());
        assertEquals(0, child.terminates, "a drain takes no signal");

        // Never registered, so it holds nothing: stopped at the next check.
        instance.onCycle(startNs + MS);
        assertEquals(1, child.terminates, "SIGTERM once drained");
        instance.onCycle(startNs + 2 * MS);
        assertTrue(instance.drain().isRetired(), instance.detail());
        assertEquals("scaled down, drained: stopped", instance.detail());
        assertEquals(InstanceState.DOWN, instance.state());

        // Well past any restart delay: a retired instance is never started again.
        instance.onCycle(startNs + 60_000 * MS);
        instance.startAgainAt(startNs + 60_000 * MS, "registry recovered: restarting", startNs + 60_000 * MS);
        assertEquals(InstanceState.DOWN, instance.state());
        assertEquals(null, instance.process().child());
        assertEquals(0, instance.process().starts(), "nothing spawned");
        assertEquals(List.of(), errors);
    }

    /**
     * A process that exits at SIGTERM.
     */
    private static final class Obedient implements ChildProcess
    {
        private int terminates;

        @Override
        public long pid()
        {
            return Integer.MAX_VALUE;
        }

        @Override
        public boolean isAlive()
        {
            return terminates == 0;
        }

        @Override
        public void terminate()
        {
            terminates++;
        }

        @Override
        public void kill()
        {
            terminates++;
        }

        @Override
        public CompletableFuture<?> onExit()
        {
            return new CompletableFuture<>();
        }

        @Override
        public String exitDescription()
        {
            return "exit code 0";
        }
    }

    /**
     * A process that survives SIGKILL (stuck in the kernel, or a zombie nobody reaps).
     */
    private static final class Undying implements ChildProcess
    {
        private int kills;

        @Override
        public long pid()
        {
            // No such process: /proc has nothing on it, and nothing real is ever signalled.
            return Integer.MAX_VALUE;
        }

        @Override
        public boolean isAlive()
        {
            return true;
        }

        @Override
        public void terminate()
        {
        }

        @Override
        public void kill()
        {
            kills++;
        }

        @Override
        public CompletableFuture<?> onExit()
        {
            return new CompletableFuture<>();
        }

        @Override
        public String exitDescription()
        {
            return "still running";
        }
    }
}
