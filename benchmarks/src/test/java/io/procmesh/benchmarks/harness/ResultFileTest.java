package io.procmesh.benchmarks.harness;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultFileTest
{
    @Test
    void shouldCarryEveryOutcomeAcrossTheFileLosslessly(@TempDir final Path dir)
    {
        final Path file = dir.resolve("results.tsv");
        final Histogram latency = new Histogram(LoadGenerator.HIGHEST_TRACKABLE_NS, LoadGenerator.SIGNIFICANT_DIGITS);
        for (long value = 500; value < 5_000_000; value += 997)
        {
            latency.recordValue(value);
        }
        final RunSpec spec = new RunSpec(1024, 100_000, 1, 1_500, 4_000, true);
        final RunKey key = RunKey.of("raw-queue", "busy-spin", spec);
        ResultFile.append(file, key, new RunOutcome(spec, latency, 99_876.5, 550_000, 12, 3));
        ResultFile.append(file, key.withSubject("procmesh"), new RunOutcome(spec, latency, 1.0, 1, 0, 0));

        final List<KeyedOutcome> read = ResultFile.read(file);

        assertEquals(2, read.size());
        assertEquals(key, read.get(0).key());
        assertEquals(spec, read.get(0).outcome().spec());
        assertEquals(latency, read.get(0).outcome().latency());
        assertEquals(99_876.5, read.get(0).outcome().throughputPerSec());
        assertEquals(12, read.get(0).outcome().unsent());
        assertEquals(3, read.get(0).outcome().lost());
        assertEquals("procmesh", read.get(1).key().subject());
    }

    @Test
    void shouldNameTheFileAndLineOfABrokenResult(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("broken.tsv");
        Files.writeString(file, "raw-queue/backoff/32/0/1\tonly two fields\n");

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ResultFile.read(file));

        assertTrue(error.getMessage().startsWith(file + ":1:"), error.getMessage());
    }

    @Test
    void shouldRoundTripSpecsAndKeysThroughTheirTextForms()
    {
        final RunSpec spec = new RunSpec(32, 0, 16, 100, 300, false);
        assertEquals(spec, RunSpec.parse(spec.encode()));
        final RunKey key = RunKey.of("http", RunKey.NO_IDLE, spec);
        assertEquals(key, RunKey.parse(key.encode()));
        assertThrows(IllegalArgumentException.class, () -> RunSpec.parse("32:x:1:1:1:rec"));
        assertThrows(IllegalArgumentException.class, () -> new RunSpec(32, 0, 0, 0, 10, true));
    }
}
