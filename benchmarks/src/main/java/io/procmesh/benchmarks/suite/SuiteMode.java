package io.procmesh.benchmarks.suite;

import java.util.List;

/**
 * How much the suite measures. {@code full} is the published run (about 9 minutes on 2 cores), {@code quick} a
 * sanity check (about 2 minutes), {@code smoke} the CI test's few seconds per scenario: numbers, not speed.
 *
 * @param name                 as given on the command line.
 * @param prewarmMs            unrecorded unthrottled run that starts each group, for the JIT of both JVMs.
 * @param warmupMs             unrecorded lead of every run.
 * @param measureMs            recorded part of every latency run.
 * @param sizes                payload sizes of the round-trip runs.
 * @param rates                rates of the round-trip runs, 0 for unthrottled.
 * @param idleStrategies       responder idle strategies; busy-spin only ever in 2-JVM ping-pong.
 * @param typedRates           rates of the typed-proxy runs (32 B, default idle strategy).
 * @param inFlight             calls in flight for the request/response throughput runs.
 * @param inFlightMeasureMs    recorded part of each in-flight run.
 * @param oneWayMessages       messages in the measured part of a one-way run, after as many again to warm up.
 * @param pythonRates          rates of the Python baseline, 0 for unthrottled.
 * @param jmhForks             0 runs JMH in this JVM (quick, smoke), 1 in a fork.
 * @param jmhWarmupIterations  per benchmark.
 * @param jmhIterations        per benchmark.
 * @param jmhIterationMs       length of each warm-up and measured iteration.
 * @param failoverKills        kill -9 of the supervised instance, each waited out until it is UP again.
 * @param wrkWarmupSeconds     unrecorded wrk run before each measured one, for the JIT of the server.
 * @param wrkSeconds           measured wrk run, per HTTP subject.
 */
public record SuiteMode(
    String name,
    long prewarmMs,
    long warmupMs,
    long measureMs,
    List<Integer> sizes,
    List<Integer> rates,
    List<String> idleStrategies,
    List<Integer> typedRates,
    List<Integer> inFlight,
    long inFlightMeasureMs,
    long oneWayMessages,
    List<Integer> pythonRates,
    int jmhForks,
    int jmhWarmupIterations,
    int jmhIterations,
    long jmhIterationMs,
    int failoverKills,
    int wrkWarmupSeconds,
    int wrkSeconds)
{
    public static final int IN_FLIGHT_PAYLOAD_BYTES = 256;
    public static final int ONE_WAY_PAYLOAD_BYTES = 256;
    public static final int TYPED_PAYLOAD_BYTES = 32;
    private static final List<String> BOTH_IDLE = List.of("backoff", "busy-spin");
    private static final List<String> DEFAULT_IDLE = List.of("backoff");

    public SuiteMode
    {
        if (sizes.contains(IN_FLIGHT_PAYLOAD_BYTES))
        {
            // The in-flight runs are told apart from the ping-pong matrix by their payload size.
            throw new IllegalArgumentException("ping-pong sizes must not include " + IN_FLIGHT_PAYLOAD_BYTES + " B");
        }
        if (idleStrategies.isEmpty() || sizes.isEmpty())
        {
            throw new IllegalArgumentException("a mode needs at least one size and one idle strategy");
        }
        if (failoverKills < 1 || wrkSeconds < 1 || wrkWarmupSeconds < 0)
        {
            throw new IllegalArgumentException("a mode needs at least one kill and one second of wrk");
        }
    }

    public static SuiteMode full()
    {
        return new SuiteMode("full", 2_000, 1_500, 4_000, List.of(32, 1024), List.of(10_000, 100_000, 0), BOTH_IDLE,
            List.of(10_000, 0), List.of(1, 16, 256), 3_000, 3_000_000, List.of(10_000, 0), 1, 1, 3, 500, 20, 5, 15);
    }

    public static SuiteMode quick()
    {
        return new SuiteMode("quick", 500, 300, 1_000, List.of(32), List.of(10_000, 0), DEFAULT_IDLE,
            List.of(10_000), List.of(16), 700, 500_000, List.of(0), 0, 1, 1, 100, 5, 2, 5);
    }

    public static SuiteMode smoke()
    {
        return new SuiteMode("smoke", 200, 100, 300, List.of(32), List.of(10_000), DEFAULT_IDLE,
            List.of(10_000), List.of(16), 300, 50_000, List.of(10_000), 0, 1, 1, 50, 2, 0, 1);
    }

    public static SuiteMode byName(final String name)
    {
        switch (name)
        {
            case "full":
                return full();
            case "quick":
                return quick();
            case "smoke":
                return smoke();
            default:
                throw new IllegalArgumentException("mode '" + name + "' is unknown: use full, quick or smoke");
        }
    }

    public boolean publishes()
    {
        return "full".equals(name);
    }
}
