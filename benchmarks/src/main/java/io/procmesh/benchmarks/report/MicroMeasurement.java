package io.procmesh.benchmarks.report;

/**
 * One JMH result in ns per operation, with the error JMH gives (99.9% confidence half-width).
 *
 * @param benchmark the benchmark method.
 * @param nsPerOp   average time per operation.
 * @param errorNs   JMH's score error, NaN when there were too few iterations to give one.
 */
public record MicroMeasurement(String benchmark, double nsPerOp, double errorNs)
{
}
