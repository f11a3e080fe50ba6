package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.python.PythonPingPong;
import io.procmesh.benchmarks.report.MarkdownTables;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.benchmarks.suite.SuiteMode;

import java.util.Optional;

/**
 * 4. The classic process-based design procmesh replaces: two Python processes and multiprocessing.Queue.
 */
public final class PythonScenario implements Scenario
{
    private static final String VERSION_FACT = "python.version";

    @Override
    public String id()
    {
        return "python";
    }

    @Override
    public String number()
    {
        return "4";
    }

    @Override
    public String title()
    {
        return "Python multiprocessing.Queue ping-pong";
    }

    @Override
    public Optional<String> unavailableReason(final SuiteContext context)
    {
        final String pythonVersion = new PythonPingPong(context).pythonVersion();
        return pythonVersion == null ?
            Optional.of("skipped: no usable '" + context.python() + "' on this machine (set procmesh.bench.python)") :
            Optional.empty();
    }

    @Override
    public void run(final SuiteContext context, final ResultStore store)
    {
        final SuiteMode mode = context.mode();
        final PythonPingPong python = new PythonPingPong(context);
        store.fact(VERSION_FACT, python.pythonVersion());
        for (final int size : mode.sizes())
        {
            for (final int rate : mode.pythonRates())
            {
                context.progress("python mp.Queue " + size + " B at " + (rate == 0 ? "unthrottled" : rate + "/s"));
                store.add(python.run(size, rate, mode.warmupMs(), mode.measureMs()));
            }
        }
    }

    @Override
    public void report(final ResultStore store, final StringBuilder md)
    {
        md.append("`benchmarks/src/main/python/mp_queue_pingpong.py`")
            .append(store.fact(VERSION_FACT).map(version -> " on " + version).orElse(""))
            .append(": a parent and a child process, a request queue and a reply queue, one message in flight, ")
            .append("the same schedule and coordinated-omission correction as the Java harness; percentiles by ")
            .append("nearest rank over every measured sample.\n\n");
        MarkdownTables.latencyTable(md, store.measurements(key -> key.subject().equals(PythonPingPong.SUBJECT)));
    }
}
