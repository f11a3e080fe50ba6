package io.procmesh.benchmarks.report;

/**
 * A numbered section of the report, written from what the result store holds.
 */
public interface ReportSection
{
    /**
     * @return the name used with {@code --only}, and under which a skip reason is stored.
     */
    String id();

    /**
     * @return its number in the issue and the report, e.g. "5".
     */
    String number();

    String title();

    void report(ResultStore store, StringBuilder markdown);
}
