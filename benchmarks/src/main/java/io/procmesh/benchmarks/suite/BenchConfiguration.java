package io.procmesh.benchmarks.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every setting of the benchmark suite, with its system property and default, in one place. Names share the
 * {@code procmesh.bench.} prefix and carry their unit. {@link SuiteContext} takes its defaults from here.
 */
public final class BenchConfiguration
{
    public static final String DATA_DIR_PROP_NAME = "procmesh.bench.dataDir";
    public static final String SHARED_MEMORY_DIR = "/dev/shm";
    public static final String DATA_DIR_FALLBACK = "target/bench-data";

    public static final String OUTPUT_DIR_PROP_NAME = "procmesh.bench.outputDir";
    public static final String OUTPUT_DIR_DEFAULT = "target/bench-run";

    public static final String JVM_OPTIONS_PROP_NAME = "procmesh.bench.jvmOptions";
    public static final String JVM_OPTIONS_DEFAULT = "-Xms512m -Xmx512m -XX:+AlwaysPreTouch";

    public static final String PYTHON_PROP_NAME = "procmesh.bench.python";
    public static final String PYTHON_DEFAULT = "python3";

    public static final String OVERRUN_FACTOR_PROP_NAME = "procmesh.bench.overrunFactor";
    public static final double OVERRUN_FACTOR_DEFAULT = 2.0;

    public static final String DRAIN_TIMEOUT_MS_PROP_NAME = "procmesh.bench.drainTimeoutMs";
    public static final long DRAIN_TIMEOUT_MS_DEFAULT = 5_000;

    /**
     * When set, every partner JVM records a JFR profile into this directory, one file per JVM, named after it.
     */
    public static final String JFR_DIR_PROP_NAME = "procmesh.bench.jfrDir";

    /**
     * An unrecorded warm-up repeats until this many round trips were made (C2 compiles after about 10k).
     */
    public static final String WARMUP_CALLS_PROP_NAME = "procmesh.bench.warmupCalls";
    public static final long WARMUP_CALLS_DEFAULT = 20_000;

    /**
     * The wrk executable for the gateway scenario: a name looked up on the PATH, or a path.
     */
    public static final String WRK_PROP_NAME = "procmesh.bench.wrk";
    public static final String WRK_DEFAULT = "wrk";

    public static final String STARTUP_TIMEOUT_MS_PROP_NAME = "procmesh.bench.startupTimeoutMs";
    public static final long STARTUP_TIMEOUT_MS_DEFAULT = 60_000;

    private BenchConfiguration()
    {
    }

    /**
     * @return where queues and registries live during a run: tmpfs when there is one, so both procmesh and the
     * raw baseline measure software rather than the disk's write-back.
     */
    public static Path dataDir()
    {
        final String configured = System.getProperty(DATA_DIR_PROP_NAME);
        if (configured != null)
        {
            return Path.of(configured);
        }
        final Path shm = Path.of(SHARED_MEMORY_DIR);
        return Files.isDirectory(shm) && Files.isWritable(shm) ?
            shm.resolve("procmesh-bench-" + ProcessHandle.current().pid()) : Path.of(DATA_DIR_FALLBACK);
    }

    public static Path outputDir()
    {
        return Path.of(System.getProperty(OUTPUT_DIR_PROP_NAME, OUTPUT_DIR_DEFAULT));
    }

    public static List<String> jvmOptions()
    {
        final String options = System.getProperty(JVM_OPTIONS_PROP_NAME, JVM_OPTIONS_DEFAULT).trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    public static String python()
    {
        return System.getProperty(PYTHON_PROP_NAME, PYTHON_DEFAULT);
    }

    public static double overrunFactor()
    {
        final String value = System.getProperty(OVERRUN_FACTOR_PROP_NAME);
        return value == null ? OVERRUN_FACTOR_DEFAULT : Double.parseDouble(value);
    }

    public static long drainTimeoutMs()
    {
        return Long.getLong(DRAIN_TIMEOUT_MS_PROP_NAME, DRAIN_TIMEOUT_MS_DEFAULT);
    }

    public static Path jfrDir()
    {
        final String dir = System.getProperty(JFR_DIR_PROP_NAME);
        return dir == null || dir.isBlank() ? null : Path.of(dir).toAbsolutePath();
    }

    public static long warmupCalls()
    {
        return Long.getLong(WARMUP_CALLS_PROP_NAME, WARMUP_CALLS_DEFAULT);
    }

    public static String wrk()
    {
        return System.getProperty(WRK_PROP_NAME, WRK_DEFAULT);
    }

    public static long startupTimeoutMs()
    {
        return Long.getLong(STARTUP_TIMEOUT_MS_PROP_NAME, STARTUP_TIMEOUT_MS_DEFAULT);
    }
}
