package io.procmesh.core.rpc;

import io.procmesh.core.Procmesh;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoServiceMain;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: a key-affinity service across real JVMs. The policy comes from the system properties the launcher would
 * set; the key is the argument {@code token} read by the proxy. Each key reaches one of three replicas; when one is
 * killed its keys move to the others and theirs stay where they were.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeyAffinityJvmTest
{
    private static final int KEYS = 24;

    /**
     * The echo service's {@code record} operation alone: every method of a key-affinity proxy must carry the key.
     */
    interface Recorder
    {
        int record(String token);
    }

    /**
     * An api whose {@code echo} has no {@code token}: refused when the proxy is made.
     */
    interface Mixed
    {
        int record(String token);

        String echo(String text);
    }

    private final Path dataDir = TestDirectories.create("affinity");
    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void stop()
    {
        children.forEach(ChildJvm::close);
        System.clearProperty(Configuration.LOAD_BALANCING_PROP_PREFIX + "echo");
        System.clearProperty(Configuration.AFFINITY_KEY_PROP_PREFIX + "echo");
    }

    private ChildJvm start(final String instanceId)
    {
        final ChildJvm child = ChildJvm.start(EchoServiceMain.class, dataDir.resolve("logs/" + instanceId + ".log"),
            Duration.ofMinutes(2), List.of(), dataDir.toString(), instanceId,
            dataDir.resolve(instanceId + ".txt").toString());
        children.add(child);
        child.awaitLogLine("READY " + instanceId, Duration.ofSeconds(60));
        return child;
    }

    /**
     * @return for each key, the replicas that recorded it after the first {@code skip} lines of their files.
     */
    private Map<String, Set<String>> replicasByKey(final Map<String, Integer> skip) throws IOException
    {
        final Map<String, Set<String>> byKey = new HashMap<>();
        for (final String replica : List.of("echo-1", "echo-2", "echo-3"))
        {
            final Path file = dataDir.resolve(replica + ".txt");
            final List<String> tokens = Files.exists(file) ? Files.readAllLines(file) : List.of();
            for (final String token : tokens.subList(skip.getOrDefault(replica, 0), tokens.size()))
            {
                byKey.computeIfAbsent(token, k -> new HashSet<>()).add(replica);
            }
            skip.put(replica, tokens.size());
        }
        return byKey;
    }

    private static void callEveryKey(final Recorder recorder)
    {
        for (int n = 0; n < 4; n++)
        {
            for (int key = 0; key < KEYS; key++)
            {
                recorder.record("user-" + key);
            }
        }
    }

    @Test
    void shouldSendEachKeyToOneReplicaAndMoveOnlyTheKeysOfAKilledOne() throws Exception
    {
        System.setProperty(Configuration.LOAD_BALANCING_PROP_PREFIX + "echo", "key-affinity");
        System.setProperty(Configuration.AFFINITY_KEY_PROP_PREFIX + "echo", "token");
        start("echo-1");
        start("echo-2");
        final ChildJvm third = start("echo-3");
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("caller-1")))
        {
            final IllegalArgumentException unfit =
                assertThrows(IllegalArgumentException.class, () -> mesh.proxy(Mixed.class, "echo", 5_000));
            assertEquals("affinityKey 'token' of service 'echo': Mixed.echo has no argument named 'token', and in " +
                "its one argument String has no component, getter or public field 'token'", unfit.getMessage());

            final Recorder recorder = mesh.proxy(Recorder.class, "echo", 5_000);
            final Map<String, Integer> read = new HashMap<>();
            callEveryKey(recorder);
            final Map<String, Set<String>> before = replicasByKey(read);
            assertEquals(KEYS, before.size());
            final Set<String> used = new HashSet<>();
            for (final Map.Entry<String, Set<String>> key : before.entrySet())
            {
                assertEquals(1, key.getValue().size(), "key " + key.getKey() + " went to " + key.getValue());
                used.addAll(key.getValue());
            }
            assertEquals(Set.of("echo-1", "echo-2", "echo-3"), used, "the keys spread over every replica");

            third.kill9();
            third.waitForExit(Duration.ofSeconds(10));
            // The caller checks idle instances' pids every 50 ms; until then a call may still go to the dead one
            // (and, not being @Idempotent, fail with a clear error).
            Await.sleep(4 * DeadInstanceSweeper.IDLE_CHECK_INTERVAL_NS / 1_000_000);
            callEveryKey(recorder);
            final Map<String, Set<String>> after = replicasByKey(read);
            assertEquals(KEYS, after.size());
            int moved = 0;
            for (final Map.Entry<String, Set<String>> key : after.entrySet())
            {
                final Set<String> was = before.get(key.getKey());
                assertEquals(1, key.getValue().size(), "key " + key.getKey() + " went to " + key.getValue());
                if (was.contains("echo-3"))
                {
                    assertTrue(!key.getValue().contains("echo-3"));
                    moved++;
                }
                else
                {
                    assertEquals(was, key.getValue(), "a key of a live replica moved: " + key.getKey());
                }
            }
            assertTrue(moved > 0, "echo-3 had keys to move");
        }
    }
}
