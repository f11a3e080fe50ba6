package io.procmesh.core.channel;

import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.MarkClaimMain;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HandledMarkTest
{
    private static final int COUNT = 10_000_000;
    private static final int ROUNDS = 3;
    private final Path dir = TestDirectories.create("mark");

    /**
     * Two JVMs claim every index of one mark at once. On a loaded host one may finish before the other starts, which
     * proves nothing, so rounds repeat until one shows both claiming; every round must be exact.
     */
    @Test
    void shouldLetExactlyOneOfTwoProcessesClaimEachIndex() throws Exception
    {
        boolean overlapped = false;
        for (int round = 0; round < ROUNDS && !overlapped; round++)
        {
            overlapped = claimRound(dir.resolve("round-" + round));
        }
        assertTrue(overlapped, "the two claimers never ran at the same time in " + ROUNDS + " rounds");
    }

    private boolean claimRound(final Path roundDir) throws Exception
    {
        final Path queue = roundDir.resolve("queue");
        final Path go = roundDir.resolve("go");
        try (ChildJvm first = claimer(roundDir, queue, go, "first");
             ChildJvm second = claimer(roundDir, queue, go, "second"))
        {
            first.awaitLogLine("READY", Duration.ofSeconds(60));
            second.awaitLogLine("READY", Duration.ofSeconds(60));
            Files.createFile(go);
            first.awaitLogLine("DONE", Duration.ofSeconds(120));
            second.awaitLogLine("DONE", Duration.ofSeconds(120));
        }
        final BitSet byFirst = BitSet.valueOf(Files.readAllBytes(roundDir.resolve("first.bits")));
        final BitSet bySecond = BitSet.valueOf(Files.readAllBytes(roundDir.resolve("second.bits")));
        final BitSet both = (BitSet)byFirst.clone();
        both.and(bySecond);
        assertEquals(0, both.cardinality(), "indexes claimed by both processes, e.g. " + both.nextSetBit(0));
        final BitSet either = (BitSet)byFirst.clone();
        either.or(bySecond);
        assertEquals(COUNT, either.cardinality(), "indexes claimed by neither");
        assertEquals(COUNT, HandledMark.open(queue, Long.MAX_VALUE).get());
        return byFirst.cardinality() > 0 && bySecond.cardinality() > 0;
    }

    @Test
    void shouldResetAMarkBeyondTheQueuesLastIndex()
    {
        final Path queue = dir.resolve("queue");
        assertTrue(HandledMark.open(queue, 100).claim(90));
        final HandledMark kept = HandledMark.open(queue, 95);
        assertEquals(90, kept.get());
        assertEquals(HandledMark.NONE, kept.resetFrom());
        assertFalse(kept.claim(90));

        final HandledMark reset = HandledMark.open(queue, -1);
        assertEquals(HandledMark.NONE, reset.get());
        assertEquals(90, reset.resetFrom());
        assertTrue(reset.claim(1));
    }

    private static ChildJvm claimer(final Path roundDir, final Path queue, final Path go, final String name)
    {
        return ChildJvm.start(MarkClaimMain.class, roundDir.resolve(name + ".log"), Duration.ofMinutes(3), List.of(),
            queue.toString(), Integer.toString(COUNT), go.toString(), roundDir.resolve(name + ".bits").toString());
    }
}
