package io.procmesh.benchmarks.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.report.LatencySummary;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.report.PlotGrid;
import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.core.process.ReapedProcess;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code mp_queue_pingpong.py} (shipped inside the jar, written out next to the logs) with the machine's
 * python3 and turns its JSON into a {@link Measurement}.
 */
public final class PythonPingPong
{
    public static final String SUBJECT = "python-mp-queue";
    public static final String SCRIPT_RESOURCE = "/python/mp_queue_pingpong.py";
    private static final long VERSION_TIMEOUT_MS = 10_000;

    private final SuiteContext context;
    private final ObjectMapper json = new ObjectMapper();

    public PythonPingPong(final SuiteContext context)
    {
        this.context = context;
    }

    /**
     * @return the interpreter's version line, or null when there is no usable python3 here.
     */
    public String pythonVersion()
    {
        try
        {
            final Process process = new ProcessBuilder(context.python(), "--version").redirectErrorStream(true).start();
            if (!process.waitFor(VERSION_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                return null;
            }
            final String version = new String(process.getInputStream().readAllBytes()).trim();
            return process.exitValue() == 0 ? version : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public Measurement run(final int payloadBytes, final int ratePerSecond, final long warmupMs, final long measureMs)
    {
        final Path script = writeScript();
        final List<String> command = new ArrayList<>(List.of(context.python(), script.toString(),
            "--size", Integer.toString(payloadBytes),
            "--rate", Integer.toString(ratePerSecond),
            "--warmup-ms", Long.toString(warmupMs),
            "--measure-ms", Long.toString(measureMs),
            "--overrun-factor", Double.toString(context.overrunFactor()),
            "--percentiles", percentileList()));
        final RunKey key = new RunKey(SUBJECT, RunKey.NO_IDLE, payloadBytes, ratePerSecond, 1);
        final long workMs = (long)((warmupMs + measureMs) * context.overrunFactor()) + context.drainTimeoutMs();
        final String name = "python-" + payloadBytes + "-" + ratePerSecond;
        try (ReapedProcess python = ReapedProcess.start(name, command, context.logFile(name),
            context.startupTimeout().plusMillis(workMs)))
        {
            final int exitCode = python.awaitExit(context.startupTimeout().plusMillis(workMs));
            if (exitCode != 0)
            {
                throw new IllegalStateException(name + " exited with " + exitCode + "; see " + python.log() + "\n" +
                    python.tail());
            }
            return parse(key, lastJsonLine(python.logText(), python.log()));
        }
    }

    private Measurement parse(final RunKey key, final String line)
    {
        try
        {
            final JsonNode result = json.readTree(line);
            final Map<Double, Double> percentiles = new TreeMap<>();
            final Iterator<Map.Entry<String, JsonNode>> fields = result.get("percentiles").fields();
            while (fields.hasNext())
            {
                final Map.Entry<String, JsonNode> field = fields.next();
                percentiles.put(Double.parseDouble(field.getKey()), field.getValue().asDouble());
            }
            final long unsent = result.get("unsent").asLong();
            final String remark = unsent > 0 ? "rate not sustained: " + unsent +
                " scheduled requests never sent, counted at their wait so far (lower bound)" : "";
            return Measurement.of(key, LatencySummary.of(result.get("count").asLong(), percentiles,
                result.get("maxNs").asDouble()), result.get("throughputPerSec").asDouble(), unsent, remark);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalStateException("cannot read the Python result '" + line + "': " + ex.getMessage(), ex);
        }
    }

    private static String lastJsonLine(final String output, final Path log)
    {
        final String[] lines = output.split("\n");
        for (int i = lines.length - 1; i >= 0; i--)
        {
            if (lines[i].startsWith("{"))
            {
                return lines[i];
            }
        }
        throw new IllegalStateException("the Python baseline printed no JSON result; see " + log);
    }

    private static String percentileList()
    {
        final StringBuilder list = new StringBuilder("50,90,99,99.9,99.99");
        for (final double percentile : PlotGrid.percentiles())
        {
            list.append(',').append(String.format(Locale.ROOT, "%.9f", percentile));
        }
        return list.toString();
    }

    private Path writeScript()
    {
        final Path script = context.outputDir().resolve("mp_queue_pingpong.py");
        try (InputStream in = PythonPingPong.class.getResourceAsStream(SCRIPT_RESOURCE))
        {
            if (in == null)
            {
                throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the benchmarks jar");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            return script;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + script + ": " + ex.getMessage(), ex);
        }
    }
}
