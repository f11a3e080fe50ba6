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
    private static final int COUNT = 3_000_000;
    private final Path dir = TestDirectories.create("mark");

    @Test
    void shouldLetExactlyOneOfTwoProcessesClaimEachIndex() throws Exception
    {
        final Path queue = dir.resolve("queue");
        final Path go = dir.resolve("go");
        try (ChildJvm first = claimer(queue, go, "first");
             ChildJvm second = claimer(queue, go, "second"))
        {
            first.awaitLogLine("READY", Duration.ofSeconds(60));
            second.awaitLogLine("READY", Duration.ofSeconds(60));
            Files.createFile(go);
            first.awaitLogLine("DONE", Duration.ofSeconds(120));
            second.awaitLogLine("DONE", Duration.ofSeconds(120));
        }
        final BitSet byFirst = BitSet.valueOf(Files.readAllBytes(dir.resolve("first.bits")));
        final BitSet bySecond = BitSet.valueOf(Files.readAllBytes(dir.resolve("second.bits")));
        assertTrue(byFirst.cardinality() > 0 && bySecond.cardinality() > 0,
            "the two claimers did not overlap in time: " + byFirst.cardinality() + " / " + bySecond.cardinality());
        final BitSet both = (BitSet)byFirst.clone();
        both.and(bySecond);
        assertEquals(0, both.cardinality(), "indexes claimed by both processes, e.g. " + both.nextSetBit(0));
        final BitSet either = (BitSet)byFirst.clone();
        either.or(bySecond);
        assertEquals(COUNT, either.cardinality(), "indexes claimed by neither");
        assertEquals(COUNT, HandledMark.open(queue, Long.MAX_VALUE).get());
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

    private ChildJvm claimer(final Path queue, final Path go, final String name)
    {
        return ChildJvm.start(MarkClaimMain.class, dir.resolve(name + ".log"), Duration.ofMinutes(3), List.of(),
            queue.toString(), Integer.toString(COUNT), go.toString(), dir.resolve(name + ".bits").toString());
    }
}
