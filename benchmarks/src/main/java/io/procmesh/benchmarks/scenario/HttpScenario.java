package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.report.MarkdownTables;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.roundtrip.RoundTripPlan;
import io.procmesh.benchmarks.roundtrip.Subject;
import io.procmesh.benchmarks.suite.SuiteMode;

/**
 * 3. The usual microservice call: HTTP/1.1 with JSON on loopback, JDK HttpClient to a Jetty 12 core handler.
 */
public final class HttpScenario implements Scenario
{
    @Override
    public String id()
    {
        return "http";
    }

    @Override
    public String number()
    {
        return "3";
    }

    @Override
    public String title()
    {
        return "HTTP/JSON loopback request/response";
    }

    @Override
    public void plan(final SuiteMode mode, final RoundTripPlan plan)
    {
        RunSelections.addPingPongMatrix(mode, plan, Subject.HTTP, RunKey.NO_IDLE);
    }

    @Override
    public void report(final ResultStore store, final StringBuilder md)
    {
        md.append(Subject.HTTP.description()).append(". One call in flight on one keep-alive connection; the ")
            .append("handler parses the body with Jackson and writes it back. Where the rate is beyond one ")
            .append("connection's round trip, the table says so and shows the throughput actually achieved.\n\n");
        MarkdownTables.latencyTable(md, store.measurements(RunSelections.pingPongOf(Subject.HTTP)));
    }
}
