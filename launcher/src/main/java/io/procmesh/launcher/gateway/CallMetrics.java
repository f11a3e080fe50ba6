package io.procmesh.launcher.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.procmesh.core.rpc.FailureCode;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one service operation called through the gateway, resolved once so that recording a call is
 * a few atomic adds with no lookup: calls, errors by failure code, timeouts, and a latency histogram.
 */
final class CallMetrics
{
    static final String CALLS = "procmesh.gateway.calls";
    static final String ERRORS = "procmesh.gateway.call.errors";
    static final String TIMEOUTS = "procmesh.gateway.call.timeouts";
    static final String LATENCY = "procmesh.gateway.call.latency";
    private static final FailureCode[] CODES = FailureCode.values();

    /**
     * Fixed histogram buckets, from a fast in-memory round trip to past the default deadline: few enough to keep
     * a scrape small, and enough for histogram_quantile around the 5 ms p99 target.
     */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final Counter calls;
    private final Counter timeouts;
    private final Counter[] errorsByCode = new Counter[CODES.length];
    private final Timer latency;

    CallMetrics(final MeterRegistry registry, final String service, final String operation)
    {
        calls = Counter.builder(CALLS)
            .description("Calls the gateway made into the mesh")
            .tag("service", service).tag("operation", operation)
            .register(registry);
        timeouts = Counter.builder(TIMEOUTS)
            .description("Calls that passed their deadline")
            .tag("service", service).tag("operation", operation)
            .register(registry);
        for (final FailureCode code : CODES)
        {
            errorsByCode[code.ordinal()] = Counter.builder(ERRORS)
                .description("Calls that failed, by procmesh failure code")
                .tag("service", service).tag("operation", operation).tag("code", code.name())
                .register(registry);
        }
        latency = Timer.builder(LATENCY)
            .description("Gateway call latency, from sending the request to its reply or failure")
            .tag("service", service).tag("operation", operation)
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
    }

    void onSuccess(final long latencyNs)
    {
        calls.increment();
        latency.record(latencyNs, TimeUnit.NANOSECONDS);
    }

    /**
     * A call refused before it was sent, e.g. no live instance: counted, but it has no latency.
     */
    void onRejected(final FailureCode code)
    {
        calls.increment();
        errorsByCode[code.ordinal()].increment();
    }

    void onFailure(final FailureCode code, final long latencyNs)
    {
        calls.increment();
        errorsByCode[code.ordinal()].increment();
        if (code == FailureCode.DEADLINE_EXCEEDED)
        {
            timeouts.increment();
        }
        latency.record(latencyNs, TimeUnit.NANOSECONDS);
    }
}
