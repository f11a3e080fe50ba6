package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.harness.RunSpec;
import io.procmesh.benchmarks.roundtrip.RoundTripPlan;
import io.procmesh.benchmarks.roundtrip.Subject;
import io.procmesh.benchmarks.suite.SuiteMode;

import java.util.function.Predicate;

/**
 * The run shapes scenarios share: the ping-pong matrix (sizes by rates, one call in flight) and the in-flight
 * throughput runs (256 B, unthrottled, several calls in flight), told apart by payload size.
 */
final class RunSelections
{
    private RunSelections()
    {
    }

    static void addPingPongMatrix(final SuiteMode mode, final RoundTripPlan plan, final Subject subject,
        final String idleStrategy)
    {
        for (final int size : mode.sizes())
        {
            for (final int rate : mode.rates())
            {
                plan.add(subject, idleStrategy, new RunSpec(size, rate, 1, mode.warmupMs(), mode.measureMs(), true));
            }
        }
    }

    static Predicate<RunKey> pingPongOf(final Subject subject)
    {
        return key -> key.subject().equals(subject.id()) && isPingPong(key);
    }

    static boolean isPingPong(final RunKey key)
    {
        return key.maxInFlight() == 1 && key.payloadBytes() != SuiteMode.IN_FLIGHT_PAYLOAD_BYTES;
    }

    static boolean isInFlight(final RunKey key)
    {
        return key.payloadBytes() == SuiteMode.IN_FLIGHT_PAYLOAD_BYTES && key.ratePerSecond() == 0 &&
            key.maxInFlight() >= 1;
    }
}
