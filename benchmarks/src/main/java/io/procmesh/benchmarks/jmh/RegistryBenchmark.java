package io.procmesh.benchmarks.jmh;

import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The registry's hot operations on a real persisted registry file, each with a heap baseline beside it doing the
 * same memory operation on an ordinary Java object ({@link #BASELINES}).
 * <ul>
 * <li>heartbeat write: an ordered store to the slot, as the heartbeat thread does every 50 ms;</li>
 * <li>counter add: an atomic add, as each request does;</li>
 * <li>discovery: the per-call pick reads the registry's removal count (one volatile read, to drop slots whose entry
 *     was removed) and the chosen instance's status from its attached slot (no lock); a new
 *     instance is attached once (a map lookup under a segment lock);</li>
 * <li>status read of all instances: {@link Registry#snapshot()} (segment read locks, copies every entry), and the
 *     lock-free alternative over slots attached once.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RegistryBenchmark
{
    public static final String DIRECTORY_PROP_NAME = "procmesh.bench.jmhDir";
    public static final int INSTANCES = 16;

    /**
     * Each subject and the baseline measured beside it.
     */
    public static final List<String[]> BASELINES = List.of(
        new String[]{"heartbeatWrite", "baselineHeapOrderedWrite"},
        new String[]{"heartbeatWriteWithClock", "baselineNanoTime"},
        new String[]{"counterAdd", "baselineHeapAtomicAdd"},
        new String[]{"discoveryStatusRead", "baselineHeapVolatileRead"},
        new String[]{"discoveryRemovalCheck", "baselineHeapVolatileRead"},
        new String[]{"discoveryAttach", "baselineHeapMapLookup"},
        new String[]{"statusReadAllSnapshot", "baselineHeapCopyAll"},
        new String[]{"statusReadAllAttached", "baselineHeapCopyAll"});

    private Path directory;
    private Registry registry;
    private InstanceSlot ownSlot;
    private InstanceSlot[] attached;
    private String[] instanceIds;
    private int nextAttach;
    private long heartbeat;
    private final AtomicLong heapHeartbeat = new AtomicLong();
    private final AtomicLong heapCounter = new AtomicLong();
    private final AtomicInteger heapStatus = new AtomicInteger(InstanceStatus.UP.code());
    private final ConcurrentHashMap<String, long[]> heapEntries = new ConcurrentHashMap<>();

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final Path base = Path.of(System.getProperty(DIRECTORY_PROP_NAME, System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        directory = Files.createTempDirectory(base, "registry-jmh-");
        registry = Registry.open(directory.resolve("registry.cm"), INSTANCES * 4);
        instanceIds = new String[INSTANCES];
        for (int i = 0; i < INSTANCES; i++)
        {
            instanceIds[i] = "service" + (i % 4) + "-" + i;
            final InstanceSlot slot = registry.register(new Registration("service" + (i % 4), instanceIds[i], "1.0",
                ProcessHandle.current().pid(), directory.resolve("queues").resolve(instanceIds[i]).toString(), ""));
            slot.status(InstanceStatus.UP);
            heapEntries.put(instanceIds[i], new long[16]);
            if (i == 0)
            {
                ownSlot = slot;
            }
        }
        attached = new InstanceSlot[INSTANCES];
        for (int i = 0; i < INSTANCES; i++)
        {
            attached[i] = registry.attach(instanceIds[i]);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        registry.close();
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    public void heartbeatWrite()
    {
        ownSlot.heartbeat(++heartbeat);
    }

    @Benchmark
    public void baselineHeapOrderedWrite()
    {
        heapHeartbeat.lazySet(++heartbeat);
    }

    @Benchmark
    public long heartbeatWriteWithClock()
    {
        final long nowNs = System.nanoTime();
        ownSlot.heartbeat(nowNs);
        return nowNs;
    }

    @Benchmark
    public long baselineNanoTime()
    {
        return System.nanoTime();
    }

    @Benchmark
    public void counterAdd()
    {
        ownSlot.incrementRequestsIn();
    }

    @Benchmark
    public long baselineHeapAtomicAdd()
    {
        return heapCounter.incrementAndGet();
    }

    @Benchmark
    public InstanceStatus discoveryStatusRead()
    {
        return attached[1].status();
    }

    /**
     * What a caller's pick adds for registry reclamation: one volatile read of the removal count beside the map.
     */
    @Benchmark
    public long discoveryRemovalCheck()
    {
        return registry.removals();
    }

    @Benchmark
    public int baselineHeapVolatileRead()
    {
        return heapStatus.get();
    }

    @Benchmark
    public InstanceSlot discoveryAttach()
    {
        nextAttach = (nextAttach + 1) & (INSTANCES - 1);
        return registry.attach(instanceIds[nextAttach]);
    }

    @Benchmark
    public long[] baselineHeapMapLookup()
    {
        nextAttach = (nextAttach + 1) & (INSTANCES - 1);
        return heapEntries.get(instanceIds[nextAttach]);
    }

    @Benchmark
    public List<InstanceSnapshot> statusReadAllSnapshot()
    {
        return registry.snapshot();
    }

    @Benchmark
    public long statusReadAllAttached()
    {
        long upAndFresh = 0;
        for (final InstanceSlot slot : attached)
        {
            upAndFresh += slot.status() == InstanceStatus.UP ? slot.heartbeatNs() : 0;
        }
        return upAndFresh;
    }

    @Benchmark
    public List<long[]> baselineHeapCopyAll()
    {
        return new ArrayList<>(heapEntries.values());
    }
}
