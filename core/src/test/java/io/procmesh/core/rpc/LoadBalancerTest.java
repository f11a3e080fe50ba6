package io.procmesh.core.rpc;

import com.sun.management.ThreadMXBean;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: each policy's choice over instances whose slots are real registry entries.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadBalancerTest
{
    private static final long STALE_NS = TimeUnit.MINUTES.toNanos(10);

    private final DataDirectory dirs = new DataDirectory(TestDirectories.create("balancer"));
    private final Registry registry = Registry.open(dirs.registryFile(), 64);
    private final EnvelopeCodec codec = new EnvelopeCodec(4096);

    @AfterEach
    void close()
    {
        registry.close();
    }

    private RemoteInstance[] instances(final int count)
    {
        final RemoteInstance[] instances = new RemoteInstance[count];
        for (int i = 0; i < count; i++)
        {
            final String id = "svc-" + (i + 1);
            final InstanceSlot slot = registry.register(new Registration("svc", id, "1",
                ProcessHandle.current().pid(), dirs.inbox("svc", id).toString(), ""));
            slot.heartbeat(System.nanoTime());
            slot.status(InstanceStatus.UP);
            instances[i] = new RemoteInstance("svc", id, dirs.inbox("svc", id), slot, codec);
        }
        return instances;
    }

    private static Map<RemoteInstance, Integer> spread(final LoadBalancer balancer, final RemoteInstance[] instances,
        final int picks)
    {
        final Map<RemoteInstance, Integer> counts = new HashMap<>();
        for (int i = 0; i < picks; i++)
        {
            counts.merge(balancer.pick(instances, LoadBalancer.NO_KEY, System.nanoTime(), STALE_NS), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void shouldSpreadRoundRobinEvenlyAndSkipAnInstanceThatIsNotLive()
    {
        final RemoteInstance[] instances = instances(3);
        final Map<RemoteInstance, Integer> counts = spread(new RoundRobin(), instances, 300);
        for (final RemoteInstance instance : instances)
        {
            assertEquals(100, counts.get(instance), counts.toString());
        }
        instances[1].slot().status(InstanceStatus.DOWN);
        final Map<RemoteInstance, Integer> after = spread(new RoundRobin(), instances, 300);
        assertNull(after.get(instances[1]), after.toString());
        assertEquals(300, after.get(instances[0]) + after.get(instances[2]));
    }

    @Test
    void shouldPickTheInstanceWithFewestOutstandingAndRotateTies()
    {
        final RemoteInstance[] instances = instances(3);
        final LeastOutstanding balancer = new LeastOutstanding();
        final Map<RemoteInstance, Integer> idle = spread(balancer, instances, 300);
        for (final RemoteInstance instance : instances)
        {
            assertEquals(100, idle.get(instance), "ties must rotate: " + idle);
        }

        instances[0].slot().outstanding(5);
        instances[1].slot().outstanding(1);
        instances[2].slot().inboxBacklog(3);
        assertEquals(Map.of(instances[1], 50), spread(balancer, instances, 50));

        // This caller's own calls in flight count too: three to svc-2 make svc-3's backlog of 3 no longer the worst.
        instances[1].callStarted();
        instances[1].callStarted();
        instances[1].callStarted();
        assertEquals(Map.of(instances[2], 50), spread(balancer, instances, 50));
    }

    @Test
    void shouldNotPickAnInstanceWhosePidWasFoundDead()
    {
        final RemoteInstance[] instances = instances(2);
        instances[0].markDead(instances[0].slot().pid());
        assertEquals(Map.of(instances[1], 20), spread(new LeastOutstanding(), instances, 20));
    }

    @Test
    void shouldSendOneKeyToOneInstanceAndMoveOnlyADepartedInstancesKeys()
    {
        final RemoteInstance[] instances = instances(3);
        final KeyAffinity balancer = new KeyAffinity(new RoundRobin());
        final Map<String, RemoteInstance> before = new HashMap<>();
        final Map<RemoteInstance, Integer> perInstance = new HashMap<>();
        for (int user = 0; user < 3_000; user++)
        {
            final String key = "user-" + user;
            final RemoteInstance chosen = balancer.pick(instances, KeyAffinity.hash(key), System.nanoTime(), STALE_NS);
            assertSame(chosen, balancer.pick(instances, KeyAffinity.hash(key), System.nanoTime(), STALE_NS));
            before.put(key, chosen);
            perInstance.merge(chosen, 1, Integer::sum);
        }
        for (final RemoteInstance instance : instances)
        {
            assertTrue(perInstance.get(instance) > 800, "keys spread over all instances: " + perInstance);
        }

        instances[2].slot().status(InstanceStatus.DOWN);
        int moved = 0;
        for (final Map.Entry<String, RemoteInstance> entry : before.entrySet())
        {
            final RemoteInstance now =
                balancer.pick(instances, KeyAffinity.hash(entry.getKey()), System.nanoTime(), STALE_NS);
            if (entry.getValue() == instances[2])
            {
                assertNotEquals(instances[2], now);
                moved++;
            }
            else
            {
                assertSame(entry.getValue(), now, "a key of a live instance moved: " + entry.getKey());
            }
        }
        assertEquals(perInstance.get(instances[2]), moved);

        instances[2].slot().status(InstanceStatus.UP);
        for (final Map.Entry<String, RemoteInstance> entry : before.entrySet())
        {
            assertSame(entry.getValue(),
                balancer.pick(instances, KeyAffinity.hash(entry.getKey()), System.nanoTime(), STALE_NS));
        }
    }

    @Test
    void shouldHashKeysFromTheirValueNotTheirIdentity()
    {
        assertEquals(KeyAffinity.hash(42L), KeyAffinity.hash(42));
        assertEquals(KeyAffinity.hash("user-7"), KeyAffinity.hash(new StringBuilder("user-7")));
        assertEquals(KeyAffinity.hash(TimeUnit.SECONDS), KeyAffinity.hash("SECONDS"));
        assertNotEquals(LoadBalancer.NO_KEY, KeyAffinity.hash(""));
    }

    @Test
    void shouldAllocateNothingPerPick()
    {
        final RemoteInstance[] instances = instances(4);
        final LoadBalancer[] balancers = {new RoundRobin(), new LeastOutstanding(), new KeyAffinity(new RoundRobin())};
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (final LoadBalancer balancer : balancers)
        {
            for (int i = 0; i < 20_000; i++)
            {
                balancer.pick(instances, i + 1, System.nanoTime(), STALE_NS);
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++)
            {
                balancer.pick(instances, i + 1, System.nanoTime(), STALE_NS);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // Far below one object per pick (16 bytes each would be 1.6 MB).
            assertTrue(allocated < 10_000, balancer.getClass().getSimpleName() + " allocated " + allocated);
        }
    }
}
