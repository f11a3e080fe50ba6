package io.procmesh.benchmarks.jmh;

import io.procmesh.core.Procmesh;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.rpc.ReusableCall;
import io.procmesh.core.rpc.RpcClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Diagnostic, not part of the suite: the distribution of one {@link RpcClient#doWork()} cycle (the reply reader's
 * duty cycle) with one call in flight that is never answered, for two pending-call table sizes. The tail shows
 * the periodic deadline scan, which visits every slot of the table while any call is in flight.
 * <pre>
 * java -cp benchmarks/target/procmesh-benchmarks.jar org.openjdk.jmh.Main RpcClientPollBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RpcClientPollBenchmark
{
    private static final long NEVER_MS = TimeUnit.HOURS.toMillis(1);

    @Param({"256", "4096", "65536"})
    public int maxCallsInFlight;

    private Path directory;
    private Registry registry;
    private RpcClient client;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final Path base = Path.of(System.getProperty(RegistryBenchmark.DIRECTORY_PROP_NAME,
            System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        directory = Files.createTempDirectory(base, "rpc-poll-jmh-");
        final Procmesh.Context context = new Procmesh.Context()
            .dataDir(directory)
            .serviceName("poller")
            .instanceId("poller-1")
            .maxCallsInFlight(maxCallsInFlight)
            .conclude();
        final DataDirectory dirs = context.dataDirectory();
        registry = Registry.open(dirs.registryFile(), context.registryMaxInstances());
        final long pid = ProcessHandle.current().pid();
        final InstanceSlot silent = registry.register(new Registration(
            "silent", "silent-1", "0", pid, dirs.inbox("silent", "silent-1").toString(), ""));
        silent.status(InstanceStatus.UP);
        silent.heartbeat(System.nanoTime());
        final InstanceSlot slot = registry.register(new Registration("poller", "poller-1", "0", pid, "", ""));
        client = new RpcClient(context.rpcClientContext()
            .replyQueue(dirs.replies("poller-1"))
            .registry(registry)
            .slot(slot));
        final ReusableCall call = new ReusableCall("silent", "never-answered");
        call.request().writeLong(1);
        if (!client.invoke(call, NEVER_MS))
        {
            throw new IllegalStateException("could not start the call: " + call.failure());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        client.close();
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
    public int pollWithOneCallInFlight()
    {
        return client.doWork();
    }
}
