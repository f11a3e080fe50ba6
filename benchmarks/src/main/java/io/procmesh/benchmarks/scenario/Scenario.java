package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.report.ReportSection;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.roundtrip.RoundTripPlan;
import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.benchmarks.suite.SuiteMode;

import java.util.Optional;

/**
 * One numbered scenario of the suite and its section of the report. A scenario declares the round-trip runs it
 * reads (the suite runs them once, merged with the other scenarios'), does any other work itself, and writes its
 * section from what the store holds. A scenario that cannot run here says why, and its section prints that line.
 */
public interface Scenario extends ReportSection
{
    /**
     * @return why it cannot be measured here, or empty when it can.
     */
    default Optional<String> unavailableReason(final SuiteContext context)
    {
        return Optional.empty();
    }

    default void plan(final SuiteMode mode, final RoundTripPlan plan)
    {
    }

    default void run(final SuiteContext context, final ResultStore store) throws Exception
    {
    }
}
