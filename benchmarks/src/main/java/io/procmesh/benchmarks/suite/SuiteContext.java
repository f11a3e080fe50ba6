package io.procmesh.benchmarks.suite;

import io.procmesh.benchmarks.harness.ParentWatchdog;
import io.procmesh.core.config.ConcludeOnce;
import io.procmesh.core.config.JavaCommand;
import io.procmesh.core.process.ReapedProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Settings of one suite run, defaulted from {@link BenchConfiguration}, and the few services every scenario
 * needs: starting partner JVMs, fresh data directories, progress lines.
 */
public final class SuiteContext implements AutoCloseable
{
    private static final long CHILD_TIMEOUT_MARGIN_MS = 10_000;

    private final ConcludeOnce concluded = new ConcludeOnce("SuiteContext");
    private final AtomicInteger directoryCounter = new AtomicInteger();
    private final long createdNs = System.nanoTime();
    private SuiteMode mode;
    private Path dataRoot;
    private Path outputDir;
    private Path reportFile;
    private Path plotFile;
    private String command = "benchmarks/run.sh";
    private String note = "";
    private Set<String> only = Set.of();
    private List<String> jvmOptions;
    private String python;
    private double overrunFactor;
    private long drainTimeoutMs;
    private long startupTimeoutMs;
    private boolean ownsDataRoot;
    private Path jfrDir;

    public SuiteContext mode(final SuiteMode mode)
    {
        this.mode = mode;
        return this;
    }

    public SuiteContext dataRoot(final Path dataRoot)
    {
        this.dataRoot = dataRoot;
        return this;
    }

    public SuiteContext outputDir(final Path outputDir)
    {
        this.outputDir = outputDir;
        return this;
    }

    public SuiteContext reportFile(final Path reportFile)
    {
        this.reportFile = reportFile;
        return this;
    }

    public SuiteContext plotFile(final Path plotFile)
    {
        this.plotFile = plotFile;
        return this;
    }

    public SuiteContext command(final String command)
    {
        this.command = command;
        return this;
    }

    public SuiteContext note(final String note)
    {
        this.note = note;
        return this;
    }

    public SuiteContext only(final Set<String> only)
    {
        this.only = Set.copyOf(only);
        return this;
    }

    /**
     * Fills unset fields from configuration, checks them and creates the directories. Called once by the suite;
     * a second call throws {@link IllegalStateException}.
     */
    public SuiteContext conclude()
    {
        concluded.begin();
        mode = mode != null ? mode : SuiteMode.quick();
        ownsDataRoot = dataRoot == null && System.getProperty(BenchConfiguration.DATA_DIR_PROP_NAME) == null;
        dataRoot = (dataRoot != null ? dataRoot : BenchConfiguration.dataDir()).toAbsolutePath().normalize();
        outputDir = (outputDir != null ? outputDir : BenchConfiguration.outputDir()).toAbsolutePath().normalize();
        reportFile = (reportFile != null ? reportFile : outputDir.resolve("benchmarks.md")).toAbsolutePath();
        plotFile = (plotFile != null ? plotFile : reportFile.resolveSibling("benchmarks-latency.svg")).toAbsolutePath();
        jvmOptions = BenchConfiguration.jvmOptions();
        python = BenchConfiguration.python();
        overrunFactor = BenchConfiguration.overrunFactor();
        if (overrunFactor < 1.0)
        {
            throw new IllegalArgumentException(BenchConfiguration.OVERRUN_FACTOR_PROP_NAME + " must be at least 1");
        }
        drainTimeoutMs = BenchConfiguration.drainTimeoutMs();
        startupTimeoutMs = BenchConfiguration.startupTimeoutMs();
        jfrDir = BenchConfiguration.jfrDir();
        if (jfrDir != null)
        {
            createDirectories(jfrDir);
        }
        createDirectories(dataRoot);
        createDirectories(outputDir.resolve("logs"));
        createDirectories(outputDir.resolve("results"));
        createDirectories(reportFile.getParent());
        createDirectories(plotFile.getParent());
        return this;
    }

    public SuiteMode mode()
    {
        return mode;
    }

    public Path dataRoot()
    {
        return dataRoot;
    }

    public Path outputDir()
    {
        return outputDir;
    }

    public Path reportFile()
    {
        return reportFile;
    }

    public Path plotFile()
    {
        return plotFile;
    }

    public String command()
    {
        return command;
    }

    public String note()
    {
        return note;
    }

    public String python()
    {
        return python;
    }

    public double overrunFactor()
    {
        return overrunFactor;
    }

    public long drainTimeoutMs()
    {
        return drainTimeoutMs;
    }

    public Duration startupTimeout()
    {
        return Duration.ofMillis(startupTimeoutMs);
    }

    public boolean selected(final String scenarioId)
    {
        return only.isEmpty() || only.contains(scenarioId);
    }

    /**
     * Starts a partner JVM that halts itself after {@code workMs} plus the startup allowance, and is killed by
     * the suite a little after that at the latest.
     */
    public ReapedProcess startJava(final String name, final Class<?> mainClass, final List<String> args,
        final long workMs)
    {
        return startJava(name, mainClass, args, workMs, jvmOptions);
    }

    /**
     * As {@link #startJava(String, Class, List, long)}, with these JVM options instead of the suite's (heap, GC):
     * for partners that must run as an operator runs them, e.g. the launcher and the services it starts.
     */
    public ReapedProcess startJava(final String name, final Class<?> mainClass, final List<String> args,
        final long workMs, final List<String> partnerJvmOptions)
    {
        final long lifetimeMs = workMs + startupTimeoutMs;
        final List<String> options = new ArrayList<>(partnerJvmOptions);
        if (jfrDir != null)
        {
            options.add("-XX:StartFlightRecording=settings=profile,filename=" + jfrDir.resolve(name + ".jfr"));
        }
        final List<String> properties = List.of(
            "-D" + BenchConfiguration.OVERRUN_FACTOR_PROP_NAME + "=" + overrunFactor,
            "-D" + BenchConfiguration.DRAIN_TIMEOUT_MS_PROP_NAME + "=" + drainTimeoutMs,
            "-D" + BenchConfiguration.WARMUP_CALLS_PROP_NAME + "=" + BenchConfiguration.warmupCalls(),
            "-D" + BenchConfiguration.STARTUP_TIMEOUT_MS_PROP_NAME + "=" + startupTimeoutMs);
        final List<String> command = JavaCommand.mainClass(mainClass)
            .jvmOptions(options)
            .systemProperty(ParentWatchdog.PARENT_PID_PROP_NAME, ProcessHandle.current().pid())
            .systemProperty(ParentWatchdog.LIFETIME_MS_PROP_NAME, lifetimeMs)
            .systemProperties(properties)
            .args(args)
            .build();
        return ReapedProcess.start(name, command, logFile(name),
            Duration.ofMillis(lifetimeMs + CHILD_TIMEOUT_MARGIN_MS));
    }

    public Path logFile(final String name)
    {
        return outputDir.resolve("logs").resolve(name + ".log");
    }

    public Path resultFile(final String name)
    {
        final Path file = outputDir.resolve("results").resolve(name + ".tsv");
        try
        {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(name + ".go"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot clear " + file + ": " + ex.getMessage(), ex);
        }
        return file;
    }

    /**
     * @return a new, empty directory for one group's queues and registry.
     */
    public Path freshDataDir(final String name)
    {
        final Path dir = dataRoot.resolve(name + "-" + directoryCounter.incrementAndGet());
        createDirectories(dir);
        return dir;
    }

    /**
     * Deletes a directory tree; queue files of a run can be gigabytes of tmpfs, so each group removes its own.
     */
    public void deleteTree(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + dir + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Removes the data root if this run chose it (a per-process directory under /dev/shm by default).
     */
    @Override
    public void close()
    {
        if (ownsDataRoot)
        {
            deleteTree(dataRoot);
        }
    }

    public void progress(final String line)
    {
        System.out.printf(Locale.ROOT, "[bench %5.1fs] %s%n", (System.nanoTime() - createdNs) / 1e9, line);
        System.out.flush();
    }

    private static void createDirectories(final Path dir)
    {
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + dir + ": " + ex.getMessage(), ex);
        }
    }
}
