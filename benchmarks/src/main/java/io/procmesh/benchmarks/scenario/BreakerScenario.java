package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.jmh.BreakerBenchmark;
import io.procmesh.benchmarks.jmh.JmhSuite;
import io.procmesh.benchmarks.report.MarkdownTables;
import io.procmesh.benchmarks.report.MicroMeasurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.suite.SuiteContext;

/**
 * 6b. Circuit breaker, with JMH: what a closed breaker adds to every call, and what a refused call costs. A section
 * of its own rather than more rows of 6, so {@code --only breaker} measures it alone.
 */
public final class BreakerScenario implements Scenario
{
    @Override
    public String id()
    {
        return "breaker";
    }

    @Override
    public String number()
    {
        return "6b";
    }

    @Override
    public String title()
    {
        return "Circuit breaker (JMH, ns per operation)";
    }

    @Override
    public void run(final SuiteContext context, final ResultStore store) throws Exception
    {
        for (final MicroMeasurement measurement : JmhSuite.run(context, BreakerBenchmark.class, id()))
        {
            store.add(measurement);
        }
    }

    @Override
    public void report(final ResultStore store, final StringBuilder md)
    {
        md.append("`BreakerBenchmark` on a real breaker table file (`registry.breakers`), single thread, average ")
            .append("time. Beside each subject, a heap baseline doing the same memory operations on ordinary ")
            .append("`AtomicLong`s. A CLOSED breaker costs every call `tryAcquire` (a volatile read of the state ")
            .append("word) and, when the call ends, `onOutcome` (a read and a CAS of the bucket's word): ")
            .append("`closedCall`. The call path also reads `System.nanoTime()` where the call starts (there ")
            .append("anyway, for its deadline) and where its outcome is recorded (the breaker's): ")
            .append("`closedCallWithClock`. An OPEN breaker refuses with a volatile read and an atomic add of its ")
            .append("not-permitted count (`refusedAcquire`); the caller then builds the `CircuitOpenException`, ")
            .append("with no stack trace, that it fails the call with (`refusedCall`, beside the same message in a ")
            .append("stackless `RuntimeException`). One thread only: callers in other processes sharing a ")
            .append("breaker's words would add cache-line contention that this does not show.\n\n");
        MarkdownTables.microTable(md, store, BreakerBenchmark.BASELINES);
    }
}
