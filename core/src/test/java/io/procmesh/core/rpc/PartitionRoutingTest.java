package io.procmesh.core.rpc;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, state with replicas: the one key-to-partition mapping, and how each api method of a partitioned service
 * is routed (by the first key name it has, to every partition, or refused when it has no key).
 */
class PartitionRoutingTest
{
    record CreateRequest(String name, String email)
    {
    }

    interface Users
    {
        String create(CreateRequest request);

        String get(String id);

        @AllPartitions
        List<String> list();

        List<String> all();
    }

    private static Method method(final String name)
    {
        for (final Method method : Users.class.getMethods())
        {
            if (method.getName().equals(name))
            {
                return method;
            }
        }
        throw new AssertionError(name);
    }

    private static BalancingPolicies partitioned(final int count)
    {
        return new BalancingPolicies(Map.of("users", "key-affinity"), Map.of("users", "id, email"),
            Map.of("users", count));
    }

    @Test
    void shouldMapEveryKeyToOnePartitionTheSameWayEverywhereAndSpreadThem()
    {
        // Pinned: a change here moves keys away from their data in every existing data directory.
        assertEquals(List.of(2, 1, 1, 2), List.of(Partition.partitionOf("u-1", 2), Partition.partitionOf("u-2", 2),
            Partition.partitionOf("ada@example.com", 2), Partition.partitionOf(42L, 2)));
        final int[] counts = new int[5];
        for (int i = 0; i < 20_000; i++)
        {
            final int partition = Partition.partitionOf("key-" + i, 4);
            assertTrue(partition >= 1 && partition <= 4, "in range: " + partition);
            assertEquals(partition, Partition.partitionOf("key-" + i, 4), "stable");
            counts[partition]++;
        }
        for (int partition = 1; partition <= 4; partition++)
        {
            assertTrue(Math.abs(counts[partition] - 5_000) < 500, "even spread: " + counts[partition]);
        }
        assertEquals(1, Partition.partitionOf("anything", 1));
    }

    @Test
    void shouldOwnExactlyTheKeysOfItsPartition()
    {
        final Partition first = new Partition(1, 2);
        final Partition second = new Partition(2, 2);
        for (int i = 0; i < 1_000; i++)
        {
            final String key = "u-" + i;
            assertTrue(first.owns(key) != second.owns(key), key);
            assertEquals(Partition.partitionOf(key, 2) == 1, first.owns(key), key);
        }
        assertTrue(Partition.NONE.owns("any key"));
        assertEquals("partition must be between 1 and 2, was 0",
            assertThrows(IllegalArgumentException.class, () -> new Partition(0, 2)).getMessage());
        assertEquals("partitions must be between 1 and 64, was 65",
            assertThrows(IllegalArgumentException.class, () -> Partition.partitionOf("k", 65)).getMessage());
    }

    @Test
    void shouldRouteEachMethodByTheFirstKeyNameItHas()
    {
        final BalancingPolicies policies = partitioned(2);
        final CallRouting get = CallRouting.of("users", method("get"), policies);
        final CallRouting create = CallRouting.of("users", method("create"), policies);
        assertFalse(get.fansOut());
        for (int i = 0; i < 100; i++)
        {
            final String id = "u-" + i;
            final String email = "user" + i + "@example.com";
            assertEquals(PartitionBalancer.route(Partition.partitionOf(id, 2)), get.route(new Object[]{id}));
            assertEquals(PartitionBalancer.route(Partition.partitionOf(email, 2)),
                create.route(new Object[]{new CreateRequest("n", email)}), "create is keyed by the email");
        }
        final ServiceException nullKey = assertThrows(ServiceException.class,
            () -> create.route(new Object[]{new CreateRequest("n", null)}));
        assertEquals(FailureCode.INVALID_ARGUMENT, nullKey.code());
    }

    @Test
    void shouldSendAllPartitionsCallsEverywhereAndRefuseOtherKeylessCalls()
    {
        final BalancingPolicies policies = partitioned(3);
        assertTrue(CallRouting.of("users", method("list"), policies).fansOut());
        assertEquals(3, CallRouting.of("users", method("list"), policies).partitions());

        final ServiceException keyless = assertThrows(ServiceException.class,
            () -> CallRouting.of("users", method("all"), policies).route(new Object[0]));
        assertEquals(FailureCode.FAILED_PRECONDITION, keyless.code());
        assertEquals("'all' of partitioned service 'users' has no key (affinityKey) to pick a partition by and is " +
            "not marked @AllPartitions: not sent, so that it never reads one partition only", keyless.getMessage());

        // Unpartitioned: @AllPartitions is an ordinary call, and a method without the key is refused as before.
        final BalancingPolicies plain = new BalancingPolicies(Map.of("users", "key-affinity"), Map.of("users", "id"));
        assertFalse(CallRouting.of("users", method("list"), plain).fansOut());
        assertThrows(IllegalArgumentException.class, () -> CallRouting.of("users", method("all"), plain));
    }

    @Test
    void shouldRefusePartitionsWithoutKeyAffinityAndAKey()
    {
        assertEquals("partitions of service 'users' need loadBalancing key-affinity and an affinityKey: the key " +
            "picks the partition", assertThrows(IllegalArgumentException.class,
            () -> new BalancingPolicies(Map.of(), Map.of(), Map.of("users", 2))).getMessage());
        assertEquals("partitions of service 'users': partitions must be between 1 and 64, was 0",
            assertThrows(IllegalArgumentException.class, () -> new BalancingPolicies(
                Map.of("users", "key-affinity"), Map.of("users", "id"), Map.of("users", 0))).getMessage());
    }
}
