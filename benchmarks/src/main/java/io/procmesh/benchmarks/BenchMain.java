package io.procmesh.benchmarks;

import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.report.RunArchive;
import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.benchmarks.suite.SuiteMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code java -jar procmesh-benchmarks.jar [--mode full|quick|smoke] ...}: what benchmarks/run.sh calls.
 * Exit code 0 when every part ran, 1 when some part failed (the report lists it), 2 for bad arguments.
 */
@Command(name = "procmesh-bench", mixinStandardHelpOptions = true,
    description = "Cross-JVM latency and throughput of procmesh beside raw Chronicle Queue, HTTP and Python.")
public final class BenchMain implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--mode", defaultValue = "quick", description = "full, quick or smoke (default: ${DEFAULT-VALUE})")
    private String mode;

    @Option(names = "--report", description = "Markdown report to write (default: <output>/benchmarks.md)")
    private Path report;

    @Option(names = "--plot", description = "SVG plot to write (default: beside the report)")
    private Path plot;

    @Option(names = "--output", description = "logs and raw results (default: target/bench-run)")
    private Path output;

    @Option(names = "--data-dir", description = "queues and registries during the run (default: /dev/shm/...)")
    private Path dataDir;

    @Option(names = "--command", defaultValue = "benchmarks/run.sh", description = "command line shown in the report")
    private String command;

    @Option(names = "--note", defaultValue = "", description = "a note for the top of the report")
    private String note;

    @Option(names = "--from-results", description = "render the report of an earlier run from its output " +
        "directory (its results/run.json) instead of measuring")
    private Path fromResults;

    @Option(names = "--only", split = ",", description = "scenario ids to run: ${COMPLETION-CANDIDATES}",
        completionCandidates = ScenarioIds.class)
    private List<String> only = List.of();

    public static void main(final String[] args)
    {
        System.setProperty("chronicle.analytics.disable", "true");
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call()
    {
        final Set<String> unknown = new LinkedHashSet<>(only);
        unknown.removeAll(Scenarios.ids());
        if (!unknown.isEmpty())
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--only: unknown scenario " + unknown + "; known: " + Scenarios.ids());
        }
        final SuiteMode suiteMode;
        try
        {
            suiteMode = SuiteMode.byName(mode);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mode: " + ex.getMessage());
        }
        if (fromResults != null)
        {
            final Path reportFile = report != null ? report : fromResults.resolve("benchmarks.md");
            final Path plotFile = plot != null ? plot : reportFile.resolveSibling("benchmarks-latency.svg");
            BenchmarkSuite.render(RunArchive.read(fromResults.resolve("results").resolve(RunArchive.FILE_NAME)),
                reportFile, plotFile);
            System.out.println("[bench] report " + reportFile + ", plot " + plotFile);
            return 0;
        }
        final SuiteContext context = new SuiteContext()
            .mode(suiteMode)
            .reportFile(report)
            .plotFile(plot)
            .outputDir(output)
            .dataRoot(dataDir)
            .command(command)
            .note(note)
            .only(new LinkedHashSet<>(only))
            .conclude();
        try (context)
        {
            final ResultStore store = new BenchmarkSuite(context).run();
            return store.failures().isEmpty() ? 0 : 1;
        }
    }

    static final class ScenarioIds implements Iterable<String>
    {
        @Override
        public Iterator<String> iterator()
        {
            return Scenarios.ids().iterator();
        }
    }
}
