package io.procmesh.benchmarks.gateway;

import io.procmesh.benchmarks.report.PlotGrid;
import io.procmesh.core.process.ReapedProcess;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The wrk HTTP load generator: {@code wrk -t2 -c32 -d<s>s --latency} with a Lua {@code done} script that prints
 * the figures the report needs (every percentile of the report's columns and plot grid, the max, the request and
 * error counts) as {@code PROCMESH-WRK} lines, parsed by {@link WrkResult}.
 */
public final class Wrk
{
    public static final int THREADS = 2;
    public static final int CONNECTIONS = 32;
    private static final double[] COLUMNS = {50, 90, 99, 99.9, 99.99};
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(30);

    private final String executable;
    private final Path script;

    private Wrk(final String executable, final Path script)
    {
        this.executable = executable;
        this.script = script;
    }

    /**
     * @param command a name looked up on the PATH, or a path.
     * @return the executable's path, or empty when there is none.
     */
    public static Optional<String> find(final String command)
    {
        if (command.contains(File.separator))
        {
            return Files.isExecutable(Path.of(command)) ? Optional.of(command) : Optional.empty();
        }
        final String path = System.getenv("PATH");
        if (path == null)
        {
            return Optional.empty();
        }
        for (final String dir : path.split(File.pathSeparator))
        {
            final Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate))
            {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * @param scriptDir where the Lua script is written.
     */
    public static Wrk create(final String executable, final Path scriptDir)
    {
        final Path script = scriptDir.resolve("wrk-report.lua");
        try
        {
            Files.createDirectories(scriptDir);
            Files.writeString(script, luaScript(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + script + ": " + ex.getMessage(), ex);
        }
        return new Wrk(executable, script);
    }

    /**
     * @return wrk's version line, e.g. "wrk 4.1.0 [epoll] ...", or "wrk" if it prints none.
     */
    public String version(final Path log)
    {
        try (ReapedProcess child = ReapedProcess.start("wrk-version", List.of(executable, "-v"), log, EXIT_MARGIN))
        {
            child.awaitExit(EXIT_MARGIN);
            return child.logText().lines().filter(line -> line.startsWith("wrk ")).findFirst()
                .map(line -> line.replaceFirst("\\s+Copyright.*$", "").trim()).orElse("wrk");
        }
    }

    /**
     * Runs wrk against one URL for that long, to completion.
     */
    public WrkResult run(final String name, final String url, final int seconds, final Path log)
    {
        final List<String> command = command(url, seconds);
        try (ReapedProcess child = ReapedProcess.start(name, command, log,
            Duration.ofSeconds(seconds).plus(EXIT_MARGIN)))
        {
            final int exitCode = child.awaitExit(Duration.ofSeconds(seconds).plus(EXIT_MARGIN));
            if (exitCode != 0)
            {
                throw new IllegalStateException(name + ": wrk exited with " + exitCode + "; see " + log + "\n" +
                    child.tail());
            }
            return WrkResult.parse(child.logText());
        }
    }

    public List<String> command(final String url, final int seconds)
    {
        return List.of(executable, "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s", "--latency",
            "-s", script.toString(), url);
    }

    /**
     * The report's percentiles; wrk's {@code latency:percentile(p)} and its counts are in microseconds.
     */
    static String luaScript()
    {
        final TreeSet<Double> percentiles = new TreeSet<>();
        for (final double percentile : PlotGrid.percentiles())
        {
            percentiles.add(percentile);
        }
        for (final double column : COLUMNS)
        {
            percentiles.add(column);
        }
        final List<String> values = new ArrayList<>();
        for (final double percentile : percentiles)
        {
            values.add(String.format(Locale.ROOT, "%.9f", percentile));
        }
        return "-- Written by the procmesh benchmark suite: prints what the report needs, in microseconds.\n" +
            "local percentiles = {" + String.join(", ", values) + "}\n" +
            "done = function(summary, latency, requests)\n" +
            "  local e = summary.errors\n" +
            "  io.write(string.format(\"" + WrkResult.PREFIX + " summary %d %d %d %d %d %d %d\\n\",\n" +
            "    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout))\n" +
            "  io.write(string.format(\"" + WrkResult.PREFIX + " max %d\\n\", latency.max))\n" +
            "  for _, p in ipairs(percentiles) do\n" +
            "    io.write(string.format(\"" + WrkResult.PREFIX + " percentile %.9f %d\\n\", p, " +
            "latency:percentile(p)))\n" +
            "  end\n" +
            "end\n";
    }
}
