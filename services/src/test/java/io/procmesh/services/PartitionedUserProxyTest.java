package io.procmesh.services;

import io.procmesh.core.Procmesh;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.rpc.FailureCode;
import io.procmesh.core.rpc.Partition;
import io.procmesh.core.rpc.ServiceException;
import io.procmesh.core.rpc.ServiceUnavailableException;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.services.user.CreateUserRequest;
import io.procmesh.services.user.User;
import io.procmesh.services.user.UserApi;
import io.procmesh.services.user.UserAsyncApi;
import io.procmesh.services.user.UserServiceMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: the partitioned user service called through proxies, as an embedding app calls it (the partition
 * settings as system properties, the instances' partitions in their registry metadata): keyed calls reach the
 * key's partition, an {@code @AllPartitions} list joins both partitions in order (blocking and async), a keyless call
 * without the mark is refused naming it, and with one partition's instance killed its keys and list fail with
 * UNAVAILABLE naming the partition while the other partition serves. Real JVMs, killed by pid in tearDown.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PartitionedUserProxyTest
{
    private static final int USERS = 20;

    /**
     * The user api as a caller that forgot the mark sees it.
     */
    interface UnmarkedUsers
    {
        List<User> list();
    }

    private final Path dataDir = TestDirectories.create("partitioned-user-proxy");
    private final List<ChildJvm> children = new ArrayList<>();
    private Procmesh mesh;

    @AfterEach
    void tearDown()
    {
        if (mesh != null)
        {
            mesh.close();
        }
        children.forEach(ChildJvm::close);
        for (final String prefix : List.of(Configuration.LOAD_BALANCING_PROP_PREFIX,
            Configuration.AFFINITY_KEY_PROP_PREFIX, Configuration.PARTITIONS_PROP_PREFIX))
        {
            System.clearProperty(prefix + UserApi.SERVICE);
        }
    }

    private ChildJvm start(final int partition)
    {
        final String instanceId = "user-" + partition;
        final ChildJvm child = ChildJvm.start(UserServiceMain.class, dataDir.resolve("logs/" + instanceId + ".log"),
            Duration.ofMinutes(3), List.of("-Dprocmesh.dataDir=" + dataDir, "-Dprocmesh.instanceId=" + instanceId,
                "-Dprocmesh.partition=" + partition, "-Dprocmesh.partitions=2",
                "-Dprocmesh.metadata={\"partition\":\"" + partition + "\"}"));
        children.add(child);
        child.awaitLogLine("READY " + instanceId, Duration.ofSeconds(90));
        return child;
    }

    @Test
    void shouldRouteByKeyJoinPartitionsAndFailOnlyTheDeadPartitionsKeys() throws Exception
    {
        System.setProperty(Configuration.LOAD_BALANCING_PROP_PREFIX + UserApi.SERVICE, "key-affinity");
        System.setProperty(Configuration.AFFINITY_KEY_PROP_PREFIX + UserApi.SERVICE, "id, email");
        System.setProperty(Configuration.PARTITIONS_PROP_PREFIX + UserApi.SERVICE, "2");
        start(1);
        final ChildJvm second = start(2);
        mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("test-client"));
        final UserApi users = mesh.proxy(UserApi.class, UserApi.SERVICE, 10_000);

        final List<User> created = new ArrayList<>();
        for (int i = 0; i < USERS; i++)
        {
            final User user = users.create(new CreateUserRequest("N", "n" + i + "@example.com"));
            assertEquals(Partition.partitionOf(user.email(), 2), Partition.partitionOf(user.id(), 2), user.id());
            assertEquals(user, users.get(user.id()));
            created.add(user);
        }
        final List<User> listed = users.list();
        assertEquals(new HashSet<>(created), new HashSet<>(listed));
        final List<Integer> partitionOrder = listed.stream().map(user -> Partition.partitionOf(user.id(), 2)).toList();
        assertEquals(partitionOrder.stream().sorted().toList(), partitionOrder, "partition 1's users, then 2's");
        assertEquals(Set.of(1, 2), Set.copyOf(partitionOrder));
        assertEquals(listed, mesh.proxy(UserAsyncApi.class, UserApi.SERVICE, 10_000).list().get(10, TimeUnit.SECONDS));

        final ServiceException unmarked = assertThrows(ServiceException.class,
            () -> mesh.proxy(UnmarkedUsers.class, UserApi.SERVICE, 10_000).list());
        assertEquals(FailureCode.FAILED_PRECONDITION, unmarked.code());
        assertTrue(unmarked.getMessage().startsWith("'list' of partitioned service 'user' has no key"),
            unmarked.getMessage());

        second.kill9();
        second.waitForExit(Duration.ofSeconds(10));
        final User inFirst = created.stream().filter(user -> Partition.partitionOf(user.id(), 2) == 1).findFirst()
            .orElseThrow();
        final User inSecond = created.stream().filter(user -> Partition.partitionOf(user.id(), 2) == 2).findFirst()
            .orElseThrow();
        // The caller checks idle instances' pids every 50 ms; a call sent before that ends as the dead instance's.
        Thread.sleep(200);
        final long startNs = System.nanoTime();
        final ServiceUnavailableException down =
            assertThrows(ServiceUnavailableException.class, () -> users.get(inSecond.id()));
        assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(1), "failed at once, not at the deadline");
        assertEquals("no UP instance of service 'user' serves partition 2 of 2 for operation 'get'; its keys wait " +
            "for that partition's instance", down.getMessage());
        assertTrue(assertThrows(ServiceUnavailableException.class, users::list).getMessage()
            .contains("serves partition 2 of 2 for operation 'list'"));
        assertEquals(inFirst, users.get(inFirst.id()), "the other partition serves");
    }
}
