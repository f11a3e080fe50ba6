package io.procmesh.launcher.cli;

import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogTailerTest
{
    private final Path directory = TestDirectories.create("log-tailer");

    @Test
    void shouldReturnTheLastLinesThenWhatIsAppended() throws IOException
    {
        final Path log = directory.resolve("a.log");
        final StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 5_000; i++)
        {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(log, text);
        final LogTailer tailer = new LogTailer(log);

        assertEquals(List.of("line 4998", "line 4999", "line 5000"), tailer.last(3));
        assertEquals(List.of(), tailer.poll());
        append(log, "line 5001\nhalf");
        assertEquals(List.of("line 5001"), tailer.poll(), "a line still being written waits for its end");
        append(log, " done\n");
        assertEquals(List.of("half done"), tailer.poll());
    }

    @Test
    void shouldReturnEveryLineOfAShortFileAndNoneForZero() throws IOException
    {
        final Path log = directory.resolve("b.log");
        Files.writeString(log, "one\ntwo\n");
        assertEquals(List.of("one", "two"), new LogTailer(log).last(50));
        assertEquals(List.of(), new LogTailer(log).last(0));
        assertEquals(List.of(), new LogTailer(directory.resolve("missing.log")).last(10));
    }

    @Test
    void shouldReadAReplacedOrTruncatedFileFromItsStart() throws IOException
    {
        final Path log = directory.resolve("c.log");
        Files.writeString(log, "old 1\nold 2\n");
        final LogTailer tailer = new LogTailer(log);
        tailer.last(10);

        final Path replacement = directory.resolve("c.log.new");
        Files.writeString(replacement, "new 1\n");
        Files.move(replacement, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals(List.of("new 1"), tailer.poll(), "rotated: another file");

        // Truncated, and shorter than what was read when next polled (like tail -F, a file that grew past the old
        // position between two polls cannot be told from one that was appended to).
        Files.writeString(log, "");
        append(log, "t\n");
        assertEquals(List.of("t"), tailer.poll(), "truncated below the position read");
    }

    @Test
    void shouldCountLinesAcrossReadChunks() throws IOException
    {
        final Path log = directory.resolve("d.log");
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++)
        {
            lines.add("x".repeat(1_000) + i);
        }
        Files.write(log, lines);
        assertEquals(lines.subList(15, 40), new LogTailer(log).last(25));
    }

    private static void append(final Path log, final String text) throws IOException
    {
        Files.writeString(log, text, StandardOpenOption.APPEND);
    }
}
