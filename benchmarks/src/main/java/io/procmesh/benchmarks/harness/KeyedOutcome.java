package io.procmesh.benchmarks.harness;

/**
 * A run's outcome with the configuration it belongs to.
 */
public record KeyedOutcome(RunKey key, RunOutcome outcome)
{
}
