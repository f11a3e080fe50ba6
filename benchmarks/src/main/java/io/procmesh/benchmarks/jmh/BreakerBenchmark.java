package io.procmesh.benchmarks.jmh;

import io.procmesh.core.breaker.BreakerSettings;
import io.procmesh.core.breaker.BreakerState;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.core.breaker.CircuitBreaker;
import io.procmesh.core.rpc.CircuitOpenException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What a circuit breaker costs a call, on a real {@link BreakerTable} file, each subject with a heap baseline beside
 * it doing the same memory operations on ordinary {@link AtomicLong}s ({@link #BASELINES}).
 * <ul>
 * <li>closed call: every call of a CLOSED breaker pays {@link CircuitBreaker#tryAcquire} (one volatile read of the
 *     state word) and a successful {@link CircuitBreaker#onOutcome} (a read and a CAS of the bucket's calls word);
 *     </li>
 * <li>with its clock: the same with the two {@link System#nanoTime()} reads of the call path, one where the call
 *     starts (there anyway, for its deadline) and one where its outcome is recorded (the breaker's own);</li>
 * <li>refused: {@link CircuitBreaker#tryAcquire} on an OPEN breaker (a volatile read and the atomic add of its
 *     not-permitted count), and with what the caller then does: reads the time left and builds the
 *     {@link CircuitOpenException} it fails the call with (no stack trace).</li>
 * </ul>
 * The clockless subjects take the time from a field set once, so the bucket stays the same, as it does for the
 * calls of one bucket's span. Method names differ from {@link RegistryBenchmark}'s: the suite's results are keyed by
 * method name, so a shared name would put one run's baseline beside the other's subject.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BreakerBenchmark
{
    public static final String SERVICE = "user";
    public static final String OPERATION = "get";

    /**
     * Each subject and the baseline measured beside it.
     */
    public static final List<String[]> BASELINES = List.of(
        new String[]{"closedCall", "baselineHeapReadAndCas"},
        new String[]{"closedCallWithClock", "baselineTwoNanoTimes"},
        new String[]{"refusedAcquire", "baselineHeapReadAndAdd"},
        new String[]{"refusedCall", "baselineStacklessException"});

    private Path directory;
    private BreakerTable table;
    private CircuitBreaker closed;
    private CircuitBreaker open;
    private long nowNs;
    private final AtomicLong heapState = new AtomicLong();
    private final AtomicLong heapBucket = new AtomicLong();
    private final AtomicLong heapNotPermitted = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final Path base = Path.of(System.getProperty(RegistryBenchmark.DIRECTORY_PROP_NAME,
            System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        directory = Files.createTempDirectory(base, "breaker-jmh-");
        table = BreakerTable.open(directory.resolve("registry.breakers"));
        closed = table.breaker("bench->" + SERVICE, BreakerSettings.DEFAULT);
        // The longest wait there is, so the breaker stays OPEN for the whole trial; one failure opens it.
        open = table.breaker("bench->" + SERVICE + "#open",
            BreakerSettings.parse("bench", "minimumCalls=1,waitMs=" + Integer.MAX_VALUE));
        nowNs = System.nanoTime();
        open.onOutcome(open.tryAcquire(nowNs), nowNs, 1_000, true);
        if (closed.state() != BreakerState.CLOSED || open.state() != BreakerState.OPEN ||
            open.tryAcquire(nowNs) != CircuitBreaker.REFUSED)
        {
            throw new IllegalStateException("breakers not set up: " + closed.state() + ", " + open.state());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        table.close();
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    public boolean closedCall()
    {
        final long permit = closed.tryAcquire(nowNs);
        return closed.onOutcome(permit, nowNs, 1_000, false);
    }

    @Benchmark
    public boolean baselineHeapReadAndCas()
    {
        final long word = heapBucket.get();
        return heapState.get() == 0 && heapBucket.compareAndSet(word, word + 1);
    }

    @Benchmark
    public boolean closedCallWithClock()
    {
        final long startNs = System.nanoTime();
        final long permit = closed.tryAcquire(startNs);
        final long endNs = System.nanoTime();
        return closed.onOutcome(permit, endNs, endNs - startNs, false);
    }

    @Benchmark
    public long baselineTwoNanoTimes()
    {
        final long startNs = System.nanoTime();
        return System.nanoTime() - startNs;
    }

    @Benchmark
    public long refusedAcquire()
    {
        return open.tryAcquire(nowNs);
    }

    @Benchmark
    public long baselineHeapReadAndAdd()
    {
        return heapState.get() == 0 ? heapNotPermitted.incrementAndGet() : 0;
    }

    /**
     * As the call path refuses: {@code RequestSender} fails the call with this exception.
     */
    @Benchmark
    public Object refusedCall()
    {
        final long permit = open.tryAcquire(nowNs);
        return permit == CircuitBreaker.REFUSED ?
            new CircuitOpenException(open.name(), SERVICE, OPERATION, open.retryAfterMs(nowNs)) : null;
    }

    /**
     * The same message built into a stackless exception, with no breaker read: what is left is the refusal's own.
     */
    @Benchmark
    public Object baselineStacklessException()
    {
        final long retryAfterMs = Integer.MAX_VALUE - (nowNs & 1);
        return new StacklessException(SERVICE + "." + OPERATION + " not sent: circuit breaker " + open.name() +
            " is open" + (retryAfterMs > 0 ? ", trial calls in " + retryAfterMs + " ms" : ", trial calls under way"));
    }

    static final class StacklessException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        StacklessException(final String message)
        {
            super(message, null, false, false);
        }
    }
}
