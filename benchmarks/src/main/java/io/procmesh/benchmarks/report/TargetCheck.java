package io.procmesh.benchmarks.report;

/**
 * One target of the suite checked against a run's figures, as the report prints it.
 *
 * @param target what is asked.
 * @param figure what was measured, with the comparison.
 * @param status the verdict.
 */
public record TargetCheck(String target, String figure, Status status)
{
    public enum Status
    {
        MET, MISSED, INCONCLUSIVE, NOT_MEASURED
    }
}
