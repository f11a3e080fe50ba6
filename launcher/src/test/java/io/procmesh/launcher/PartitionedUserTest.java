package io.procmesh.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.rpc.Partition;
import io.procmesh.core.store.ChronicleStore;
import io.procmesh.core.store.StoreOptions;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.HttpResult;
import io.procmesh.core.test.HttpTestClient;
import io.procmesh.core.test.Ports;
import io.procmesh.core.test.Signals;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import io.procmesh.services.user.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, state with replicas: the demo's user service run as the demo runs it, {@code partitions: 2} with
 * {@code affinityKey: [id, email]}, behind the demo's gateway, all real JVMs under a real launcher. Each key reaches
 * its partition's instance (every user is stored in the partition that owns its id), from the gateway and from the
 * order service's proxy; list reads both partitions;
 * kill -9 of one partition's instance under load fails its keys with the clear error until it is back, while the
 * other partition serves every call, and nothing acknowledged is lost. `scale` of the service, and `up` over the
 * same data with another partition count, are refused with one line and exit 2.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PartitionedUserTest
{
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int USERS = 40;

    private final int port = Ports.free();
    private final LauncherHarness harness = LauncherHarness.create("partitioned-user", topology(2));

    @AfterEach
    void cleanUp()
    {
        harness.close();
    }

    private String topology(final int partitions)
    {
        return TopologyYaml.withGrace(5_000)
            .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC, -Dprocmesh.idleStrategy=park]")
            .defaults("restart", "{initialBackoffMs: 100}")
            .demoService("user", "partitions: " + partitions, "loadBalancing: key-affinity",
                "affinityKey: [id, email]")
            .demoService("order", "dependsOn: [user]")
            .gateway(port, List.of(
                "{method: POST, path: '/api/orders', call: order.create, status: 201}",
                "{method: POST, path: '/api/users', call: user.create, status: 201}",
                "{method: GET, path: '/api/users', call: user.list}",
                "{method: GET, path: '/api/users/{id}', call: user.get}"), List.of(), List.of("-Xmx128m"))
            .yaml();
    }

    @Test
    void shouldKeepEachKeyInItsPartitionThroughAKill() throws Exception
    {
        harness.startLauncher("launcher.log");
        harness.awaitAll(InstanceState.UP, UP_TIMEOUT);
        final HttpTestClient http = HttpTestClient.local(port, Duration.ofSeconds(5), Duration.ofSeconds(10));

        final JsonNode services = JSON.readTree(http.get("/services").body());
        for (final String instance : List.of("user-1", "user-2"))
        {
            final JsonNode entry = services.findParents("instanceId").stream()
                .filter(node -> node.get("instanceId").asText().equals(instance)).findFirst().orElseThrow();
            assertEquals(instance.substring(5), entry.path("metadata").path("partition").asText(),
                "the partition is in the registry metadata callers route by: " + entry);
        }

        final CliResult scale = harness.cli("scale", "user", "3");
        assertEquals(ExitCodes.USAGE, scale.exitCode(), scale.toString());
        assertTrue(scale.output().contains("user has partitions: 2, one instance per partition"), scale.toString());
        assertEquals(2, harness.state().instances().stream()
            .filter(instance -> instance.instanceId().startsWith("user-")).count(), "scale changed nothing");

        final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        for (int i = 0; i < USERS; i++)
        {
            final String email = "user" + i + "@example.com";
            acknowledged.put(create(http, email, 201).get("id").asText(), email);
        }
        assertEquals(409, http.post("/api/users", body("user7@example.com")).status(),
            "the email index of the email's partition keeps emails unique");
        final Set<Integer> partitionsUsed = new TreeSet<>();
        for (final Map.Entry<String, String> user : acknowledged.entrySet())
        {
            final HttpResult got = http.get("/api/users/" + user.getKey());
            assertEquals(200, got.status(), got.body());
            assertEquals(user.getValue(), JSON.readTree(got.body()).get("email").asText());
            assertEquals(Partition.partitionOf(user.getKey(), 2), Partition.partitionOf(user.getValue(), 2),
                "the id was made in the email's partition");
            partitionsUsed.add(Partition.partitionOf(user.getKey(), 2));
        }
        assertEquals(Set.of(1, 2), partitionsUsed);
        assertEquals(acknowledged.keySet(), listedIds(http), "list reads every partition");
        for (final String id : List.of(idIn(acknowledged, 1), idIn(acknowledged, 2)))
        {
            // order, another JVM, looks the user up through its proxy: by id, in the id's partition.
            final HttpResult order = http.post("/api/orders", "{\"userId\":\"" + id + "\",\"item\":\"book\"," +
                "\"quantity\":1}");
            assertEquals(201, order.status(), order.body());
        }
        assertEquals(422, http.post("/api/orders", "{\"userId\":\"u-none\",\"item\":\"book\",\"quantity\":1}")
            .status(), "an unknown user is looked up in its partition and not found");

        final Set<String> unanswered = ConcurrentHashMap.newKeySet();
        killUserTwoUnderLoad(http, acknowledged, unanswered);

        // At most once, not exactly once: a create whose caller saw its instance die may still have run (its
        // request waited in the inbox for the restart), so it may be stored without having been acknowledged.
        final Map<String, String> listed = listed(http);
        assertTrue(listed.keySet().containsAll(acknowledged.keySet()), "nothing acknowledged was lost");
        listed.keySet().removeAll(acknowledged.keySet());
        assertTrue(unanswered.containsAll(listed.values()), "stored but never acknowledged, yet not one whose " +
            "create went unanswered: " + listed);
        acknowledged.putAll(listed);
        final CliResult down = harness.cli("down", "--data-dir", harness.dataDir().toString());
        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(acknowledged.keySet(), storedIdsCheckingTheirPartition());

        final Path three = harness.directory().resolve("three-partitions.yaml");
        Files.writeString(three, topology(3));
        final CliResult refused = harness.cli("up", "--config", three.toString(), "--data-dir",
            harness.dataDir().toString());
        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.toString());
        assertEquals(List.of("procmesh: service 'user' has partitions: 3 in the topology but its data in " +
            harness.dataDir().resolve("state/user") + " was written with partitions: 2: keys would be routed away " +
            "from their data; use a new data directory, or export and import the data (docs/operations.md, " +
            "\"State when a service has replicas\")"), refused.lines(), refused.toString());
    }

    /**
     * Gets of every user and creates of new ones from two threads while user-2 is killed and restarted: keys of
     * partition 1 are always served; keys of partition 2 are served or fail with 503 naming their partition.
     */
    private void killUserTwoUnderLoad(final HttpTestClient http, final Map<String, String> acknowledged,
        final Set<String> unanswered) throws Exception
    {
        final long pid = harness.instance("user-2").pid();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<String> wrong = new CopyOnWriteArrayList<>();
        final List<String> partitionTwoRefusals = new CopyOnWriteArrayList<>();
        final List<String> ids = new ArrayList<>(acknowledged.keySet());
        final Thread load = new Thread(() ->
        {
            int call = 0;
            while (running.get())
            {
                final String id = ids.get(call % ids.size());
                final String email = "load" + call++ + "@example.com";
                final HttpResult got = http.get("/api/users/" + id);
                check(got, Partition.partitionOf(id, 2), wrong, partitionTwoRefusals);
                final HttpResult created = http.post("/api/users", body(email));
                check(created, Partition.partitionOf(email, 2), wrong, partitionTwoRefusals);
                if (created.status() == 201)
                {
                    acknowledged.put(readId(created), email);
                }
                else
                {
                    unanswered.add(email);
                }
            }
        }, "partitioned-load");
        load.start();
        try
        {
            Await.sleep(300);
            Signals.require(pid, "KILL");
            Await.until(() -> !partitionTwoRefusals.isEmpty(), Duration.ofSeconds(20),
                "no call to partition 2 was refused while user-2 was down");
            final HttpResult list = http.get("/api/users");
            assertTrue(list.status() == 200 || list.status() == 503 && list.body().contains("partition 2 of 2"),
                "list during the outage: every partition or a clear error, never a short answer: " + list);
            Await.until(() -> harness.instance("user-2").pid() != pid &&
                harness.instance("user-2").state() == InstanceState.UP, UP_TIMEOUT,
                () -> String.valueOf(harness.instance("user-2")));
            final int refusedBefore = partitionTwoRefusals.size();
            Await.sleep(500);
            assertTrue(partitionTwoRefusals.size() - refusedBefore <= 2, "partition 2 serves again");
        }
        finally
        {
            running.set(false);
            load.join(20_000);
        }
        assertEquals(List.of(), wrong);
        assertTrue(partitionTwoRefusals.stream().anyMatch(error -> error.contains("partition 2 of 2")),
            partitionTwoRefusals.toString());
    }

    private static void check(final HttpResult result, final int partition, final List<String> wrong,
        final List<String> partitionTwoRefusals)
    {
        final boolean served = result.status() == 200 || result.status() == 201;
        if (!served && partition == 2 && result.status() == 503)
        {
            partitionTwoRefusals.add(result.body());
        }
        else if (!served)
        {
            wrong.add("partition " + partition + ": " + result.status() + " " + result.body());
        }
    }

    private static String idIn(final Map<String, String> users, final int partition)
    {
        return users.keySet().stream().filter(id -> Partition.partitionOf(id, 2) == partition).findFirst()
            .orElseThrow();
    }

    private static JsonNode create(final HttpTestClient http, final String email, final int status) throws Exception
    {
        final HttpResult created = http.post("/api/users", body(email));
        assertEquals(status, created.status(), created.body());
        return JSON.readTree(created.body());
    }

    private static String body(final String email)
    {
        return "{\"name\":\"N\",\"email\":\"" + email + "\"}";
    }

    private static String readId(final HttpResult result)
    {
        try
        {
            return JSON.readTree(result.body()).get("id").asText();
        }
        catch (final Exception ex)
        {
            throw new AssertionError(result.body(), ex);
        }
    }

    /**
     * @return every user {@code GET /api/users} lists, id to email.
     */
    private static Map<String, String> listed(final HttpTestClient http) throws Exception
    {
        final HttpResult listed = http.get("/api/users");
        assertEquals(200, listed.status(), listed.body());
        final Map<String, String> users = new java.util.HashMap<>();
        for (final JsonNode user : JSON.readTree(listed.body()))
        {
            users.put(user.get("id").asText(), user.get("email").asText());
        }
        return users;
    }

    private static Set<String> listedIds(final HttpTestClient http) throws Exception
    {
        final HttpResult listed = http.get("/api/users");
        assertEquals(200, listed.status(), listed.body());
        final Set<String> ids = new TreeSet<>();
        for (final JsonNode user : JSON.readTree(listed.body()))
        {
            ids.add(user.get("id").asText());
        }
        return ids;
    }

    /**
     * @return every user id in the stores of both partitions, each checked to be in the partition owning it.
     */
    private Set<String> storedIdsCheckingTheirPartition()
    {
        final Map<String, Integer> where = new TreeMap<>();
        for (int partition = 1; partition <= 2; partition++)
        {
            final Path file = harness.dataDir().resolve("state/user/partition-" + partition + "/users.cm");
            try (ChronicleStore<User> users = ChronicleStore.open(file, User.class, StoreOptions.of(100_000, 160),
                JSON))
            {
                for (final User user : users.find(user -> true))
                {
                    assertEquals(partition, Partition.partitionOf(user.id(), 2), user.id() + " stored in " + file);
                    where.put(user.id(), partition);
                }
            }
        }
        assertFalse(Files.exists(harness.dataDir().resolve("state/user/users.cm")), "no unpartitioned store");
        return where.keySet();
    }
}
