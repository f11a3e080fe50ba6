package io.procmesh.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A whole run as JSON (its info and every figure), written next to the logs so the report can be rendered again
 * from it, e.g. after a change to the report, without measuring again.
 */
public final class RunArchive
{
    public static final String FILE_NAME = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The archived form: plain records and collections.
     */
    public record Archived(
        RunInfo info,
        List<Measurement> measurements,
        List<MicroMeasurement> micro,
        List<String> failures,
        Map<String, String> skips,
        Map<String, Long> startups,
        Map<String, String> facts)
    {
        public ResultStore store()
        {
            return ResultStore.restore(measurements, micro, failures, skips, startups, facts);
        }
    }

    private RunArchive()
    {
    }

    public static void write(final Path file, final RunInfo info, final ResultStore store)
    {
        try
        {
            JSON.writeValue(file.toFile(), new Archived(info, store.measurements(key -> true), store.micro(),
                store.failures(), store.skips(), store.startups(), store.facts()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
    }

    public static Archived read(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("no archived run at " + file + " (written by a completed suite run)");
        }
        try
        {
            return JSON.readValue(file.toFile(), Archived.class);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read the archived run " + file + ": " + ex.getMessage(), ex);
        }
    }
}
