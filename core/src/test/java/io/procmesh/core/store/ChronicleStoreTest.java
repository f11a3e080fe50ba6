package io.procmesh.core.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store reopens as it is unless its previous owner died holding a segment lock; either way nothing the previous
 * owner acknowledged is lost. The previous owners are real JVMs killed with kill -9.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ChronicleStoreTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(1);
    private static final Pattern PUT = Pattern.compile("PUT (\\d+)");
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldReopenACleanlyClosedStoreWithoutRecovery()
    {
        final Path file = TestDirectories.create("store-clean").resolve("things.cm");
        try (ChronicleStore<String> store = open(file))
        {
            assertFalse(store.recovered());
            store.put("a", "1");
            store.put("b", "2");
        }

        try (ChronicleStore<String> reopened = open(file))
        {
            assertFalse(reopened.recovered(), "a store with no lock left needs no recovery");
            assertEquals("1", reopened.get("a"));
            assertEquals("2", reopened.get("b"));
        }
    }

    @Test
    void shouldRecoverAStoreWhoseOwnerDiedHoldingALockAndKeepItsData()
    {
        final Path dir = TestDirectories.create("store-locked");
        final Path file = dir.resolve("things.cm");
        try (ChronicleStore<String> store = open(file))
        {
            for (int i = 0; i < 100; i++)
            {
                store.put("key-" + i, "value-" + i);
            }
        }
        try (ChildJvm owner = ChildJvm.start(StoreWriterMain.class, dir.resolve("owner.log"), CHILD_TIMEOUT,
            List.of(), file.toString(), "lock", "key-42"))
        {
            owner.awaitLogLine("LOCKED key-42", CHILD_TIMEOUT);
            owner.kill9();
        }

        try (ChronicleStore<String> reopened = open(file))
        {
            assertTrue(reopened.recovered(), "a segment lock left by a dead owner must be recovered");
            assertEquals(100, reopened.size());
            assertEquals("value-42", reopened.get("key-42"));
            reopened.put("key-42", "rewritten");
            assertEquals("rewritten", reopened.get("key-42"));
        }
    }

    @Test
    void shouldKeepEveryAcknowledgedPutWhenTheOwnerIsKilledWhileWriting()
    {
        final Path dir = TestDirectories.create("store-killed");
        final Path file = dir.resolve("things.cm");
        int acknowledged = 0;
        for (int round = 1; round <= 3; round++)
        {
            try (ChildJvm owner = ChildJvm.start(StoreWriterMain.class, dir.resolve("writer-" + round + ".log"),
                CHILD_TIMEOUT, List.of(), file.toString(), "write"))
            {
                owner.awaitLogLine("PUT " + (acknowledged + 500), CHILD_TIMEOUT);
                sleep(ThreadLocalRandom.current().nextInt(50, 300));
                owner.kill9();
                acknowledged = lastPut(owner.logText()) + 1;
            }
            try (ChronicleStore<String> reopened = open(file))
            {
                for (int n = 0; n < acknowledged; n++)
                {
                    assertEquals("value-" + n, reopened.get("key-" + n), "round " + round + ": key-" + n + " lost");
                }
                acknowledged = reopened.size();
            }
        }
    }

    @Test
    void shouldShareAStoreBetweenTwoLiveOpenersAndKeepTheAcknowledgedPutsOfOneKilledMidUse()
    {
        final Path dir = TestDirectories.create("store-shared");
        final Path file = dir.resolve("things.cm");
        final int acknowledged;
        try (ChronicleStore<String> live = open(file))
        {
            live.put("mine", "beside a writer");
            try (ChildJvm writer = ChildJvm.start(StoreWriterMain.class, dir.resolve("writer.log"), CHILD_TIMEOUT,
                List.of(), file.toString(), "write"))
            {
                writer.awaitLogLine("PUT 300", CHILD_TIMEOUT);
                assertEquals("value-300", live.get("key-300"), "a live writer's put is visible to another opener");
                writer.kill9();
                acknowledged = lastPut(writer.logText());
            }
        }
        try (ChronicleStore<String> alone = open(file))
        {
            assertEquals("beside a writer", alone.get("mine"));
            // The writer numbers from the size it found, 1 ("mine").
            for (int n = 1; n <= acknowledged; n++)
            {
                assertEquals("value-" + n, alone.get("key-" + n), "key-" + n + " lost");
            }
        }
    }

    @Test
    void shouldNotRecoverALockHeldByALiveUserButRecoverItOnceThatUserIsKilled() throws Exception
    {
        final Path dir = TestDirectories.create("store-live-lock");
        final Path file = dir.resolve("things.cm");
        killAUserHoldingTheLockOfKey42(dir, file, () ->
        {
            try (ChronicleStore<String> beside = open(file))
            {
                assertFalse(beside.recovered(), "a segment lock held by a live user must not be recovered under it");
            }
        });
        try (ChronicleStore<String> alone = open(file))
        {
            assertRecoveredWithKey42(alone, "with no live user left, the killed user's segment lock is recovered");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("things.cm.users"))));
    }

    @Test
    void shouldHandAStoreOpenedAheadToTheTakeOverAndRecoverItIfItsOwnerDiedHoldingALock() throws Exception
    {
        final Path dir = TestDirectories.create("store-ahead-lock");
        final Path file = dir.resolve("things.cm");
        // A standby maps the store while its owner is alive, inside a write.
        killAUserHoldingTheLockOfKey42(dir, file, () -> ChronicleStore.openAhead(file, StoreOptions.of(10_000, 32)));
        try (ChronicleStore<String> takenOver = open(file))
        {
            assertRecoveredWithKey42(takenOver, "the dead owner's segment lock is recovered when the store is taken");
        }
        assertEquals(0, ChronicleStore.closeUntakenAhead(this::failToClose),
            "the store opened ahead was the one taken");
    }

    /**
     * Puts key-42, then runs {@code beside} while a child JVM holds key-42's segment lock, then kills it with -9.
     */
    private void killAUserHoldingTheLockOfKey42(final Path dir, final Path file, final Runnable beside)
        throws Exception
    {
        try (ChronicleStore<String> store = open(file))
        {
            store.put("key-42", "value-42");
        }
        try (ChildJvm locker = ChildJvm.start(StoreWriterMain.class, dir.resolve("locker.log"), CHILD_TIMEOUT,
            List.of(), file.toString(), "lock", "key-42"))
        {
            locker.awaitLogLine("LOCKED key-42", CHILD_TIMEOUT);
            beside.run();
            locker.kill9();
        }
    }

    private static void assertRecoveredWithKey42(final ChronicleStore<String> store, final String why)
    {
        assertTrue(store.recovered(), why);
        assertEquals("value-42", store.get("key-42"));
        store.put("key-42", "rewritten");
        assertEquals("rewritten", store.get("key-42"));
    }

    @Test
    void shouldHandAStoreOpenedAheadToTheTakeOverAsItIsBesideALiveWriter() throws Exception
    {
        final Path dir = TestDirectories.create("store-ahead-clean");
        final Path file = dir.resolve("things.cm");
        try (ChildJvm writer = ChildJvm.start(StoreWriterMain.class, dir.resolve("writer.log"), CHILD_TIMEOUT,
            List.of(), file.toString(), "write"))
        {
            writer.awaitLogLine("PUT 100", CHILD_TIMEOUT);
            ChronicleStore.openAhead(file, StoreOptions.of(10_000, 32));
            try (ChronicleStore<String> beside = open(file))
            {
                // Taken while the writer lives: it is a live user, so nothing is checked or recovered.
                assertFalse(beside.recovered());
                final int seen = beside.size();
                writer.awaitLogLine("PUT " + (seen + 100), CHILD_TIMEOUT);
                assertTrue(beside.size() >= seen + 100, "the map taken sees the live writer's puts");
            }
            writer.kill9();
        }
        assertEquals(0, ChronicleStore.closeUntakenAhead(this::failToClose),
            "the store opened ahead was the one taken");
    }

    @Test
    void shouldCloseAStoreOpenedAheadThatNoOpenTook()
    {
        final Path file = TestDirectories.create("store-ahead-untaken").resolve("things.cm");
        ChronicleStore.openAhead(file, StoreOptions.of(10_000, 32));
        assertEquals(1, ChronicleStore.closeUntakenAhead(this::failToClose));
        try (ChronicleStore<String> alone = open(file))
        {
            assertFalse(alone.recovered(), "closed cleanly: no lock left, nothing to recover");
        }
    }

    private void failToClose(final Exception ex)
    {
        throw new AssertionError("closing a store opened ahead failed", ex);
    }

    private ChronicleStore<String> open(final Path file)
    {
        return ChronicleStore.open(file, String.class, StoreOptions.of(10_000, 32), mapper);
    }

    private static int lastPut(final String log)
    {
        final Matcher matcher = PUT.matcher(log);
        int last = -1;
        while (matcher.find())
        {
            last = Integer.parseInt(matcher.group(1));
        }
        return last;
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
