package io.procmesh.benchmarks.harness;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;

/**
 * How a requester JVM hands its outcomes to the suite: one tab-separated line per run, the histogram in
 * HdrHistogram's compressed encoding, Base64. Lossless, so percentiles are computed once, in the suite.
 * <pre>
 * key  spec  throughputPerSec  sent  unsent  lost  histogram
 * </pre>
 */
public final class ResultFile
{
    private static final int FIELDS = 7;

    private ResultFile()
    {
    }

    public static void append(final Path file, final RunKey key, final RunOutcome outcome)
    {
        final Histogram histogram = outcome.latency();
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        final String line = String.join("\t",
            key.encode(),
            outcome.spec().encode(),
            Double.toString(outcome.throughputPerSec()),
            Long.toString(outcome.sent()),
            Long.toString(outcome.unsent()),
            Long.toString(outcome.lost()),
            Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length))) + "\n";
        try
        {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write results to " + file + ": " + ex.getMessage(), ex);
        }
    }

    public static List<KeyedOutcome> read(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read results " + file + ": " + ex.getMessage(), ex);
        }
        final List<KeyedOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            if (!lines.get(i).isBlank())
            {
                outcomes.add(parse(lines.get(i), file, i + 1));
            }
        }
        return outcomes;
    }

    private static KeyedOutcome parse(final String line, final Path file, final int lineNumber)
    {
        final String[] fields = line.split("\t");
        if (fields.length != FIELDS)
        {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": expected " + FIELDS + " fields, found " +
                fields.length);
        }
        try
        {
            final Histogram histogram = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(fields[6])), 0);
            final RunOutcome outcome = new RunOutcome(RunSpec.parse(fields[1]), histogram,
                Double.parseDouble(fields[2]), Long.parseLong(fields[3]), Long.parseLong(fields[4]),
                Long.parseLong(fields[5]));
            return new KeyedOutcome(RunKey.parse(fields[0]), outcome);
        }
        catch (final DataFormatException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": " + ex.getMessage(), ex);
        }
    }
}
