package io.procmesh.benchmarks;

import io.procmesh.benchmarks.harness.KeyedOutcome;
import io.procmesh.benchmarks.report.MachineInfo;
import io.procmesh.benchmarks.report.MarkdownReport;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.report.RunArchive;
import io.procmesh.benchmarks.report.RunInfo;
import io.procmesh.benchmarks.report.TargetCheck;
import io.procmesh.benchmarks.roundtrip.RoundTripGroup;
import io.procmesh.benchmarks.roundtrip.RoundTripPlan;
import io.procmesh.benchmarks.scenario.Scenario;
import io.procmesh.benchmarks.scenario.TargetChecks;
import io.procmesh.benchmarks.suite.SuiteContext;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the selected scenarios: their merged round-trip groups first, then each scenario's own work, then the
 * report. A part that fails is recorded and reported; the rest still runs.
 */
public final class BenchmarkSuite
{
    private final SuiteContext context;

    public BenchmarkSuite(final SuiteContext context)
    {
        this.context = context;
    }

    /**
     * Renders the report of an archived run again, into the context's report and plot files.
     */
    public static void render(final RunArchive.Archived archived, final Path reportFile, final Path plotFile)
    {
        final List<Scenario> scenarios = Scenarios.all().stream()
            .filter(scenario -> archived.info().scenarioIds().contains(scenario.id()))
            .toList();
        MarkdownReport.write(reportFile, plotFile, archived.info(), scenarios, TargetChecks.evaluate(archived.store()),
            archived.store());
    }

    public ResultStore run()
    {
        final OffsetDateTime started = OffsetDateTime.now();
        final long startNs = System.nanoTime();
        final MachineInfo machine = MachineInfo.current(context.dataRoot());
        final ResultStore store = new ResultStore();
        context.progress("mode " + context.mode().name() + ", data in " + context.dataRoot() + ", logs in " +
            context.outputDir().resolve("logs"));

        final List<Scenario> selected = new ArrayList<>();
        final List<Scenario> runnable = new ArrayList<>();
        for (final Scenario scenario : Scenarios.all())
        {
            if (!context.selected(scenario.id()))
            {
                continue;
            }
            selected.add(scenario);
            final Optional<String> reason = scenario.unavailableReason(context);
            if (reason.isPresent())
            {
                store.skipped(scenario.id(), reason.get());
                context.progress("scenario " + scenario.number() + " (" + scenario.id() + ") " + reason.get());
            }
            else
            {
                runnable.add(scenario);
            }
        }

        final RoundTripPlan plan = new RoundTripPlan(context.mode().prewarmMs());
        for (final Scenario scenario : runnable)
        {
            scenario.plan(context.mode(), plan);
        }
        for (final RoundTripGroup group : plan.groups())
        {
            try
            {
                final RoundTripGroup.Outcome outcome = group.run(context);
                for (final KeyedOutcome run : outcome.runs())
                {
                    store.add(Measurement.of(run));
                }
                store.startup(group.subject().id() + " responder (" + group.subject().responderMain().getSimpleName() +
                    ")", outcome.responderStartupMs());
            }
            catch (final RuntimeException ex)
            {
                store.failed("round trip " + group.name(), ex);
                context.progress("FAILED round trip " + group.name() + ": " + ex.getMessage());
            }
        }
        for (final Scenario scenario : runnable)
        {
            try
            {
                scenario.run(context, store);
            }
            catch (final Exception ex)
            {
                store.failed("scenario " + scenario.number() + " (" + scenario.id() + ")", ex);
                context.progress("FAILED scenario " + scenario.number() + ": " + ex.getMessage());
            }
        }

        final RunInfo info = new RunInfo(context.mode().name(), context.command(), context.note(),
            started.truncatedTo(ChronoUnit.SECONDS).toString(), (System.nanoTime() - startNs) / 1_000_000_000L,
            machine, MachineInfo.currentLoadAverage(), selected.stream().map(Scenario::id).toList());
        RunArchive.write(context.outputDir().resolve("results").resolve(RunArchive.FILE_NAME), info, store);
        final List<TargetCheck> checks = TargetChecks.evaluate(store);
        MarkdownReport.write(context.reportFile(), context.plotFile(), info, selected, checks, store);
        context.progress("report " + context.reportFile() + ", plot " + context.plotFile());
        for (final TargetCheck check : checks)
        {
            context.progress("target " + check.status() + ": " + check.target() + ": " + check.figure());
        }
        return store;
    }
}
