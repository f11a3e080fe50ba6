package io.procmesh.benchmarks.launcher;

import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.core.config.JavaCommand;
import io.procmesh.launcher.LauncherJvmOptions;
import io.procmesh.launcher.cli.LauncherMain;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `procmesh status --data-dir DIR` as a fresh JVM with the wrapper's options, timed from spawn to exit; with or
 * without a class-data-sharing archive of the command made by one training run, as `./procmesh` makes it.
 */
public final class StatusCommandRuns
{
    private static final long TIMEOUT_S = 60;

    private final SuiteContext context;
    private final Path dataDir;
    private final Path archive;

    public StatusCommandRuns(final SuiteContext context, final Path dataDir)
    {
        this.context = context;
        this.dataDir = dataDir;
        this.archive = context.outputDir().resolve("status-cli.jsa");
    }

    /**
     * @return whether this JVM's class path can carry a class-data-sharing archive: only jars can (run from the
     * benchmarks jar it can; from an IDE or surefire, with class directories, the JVM refuses to start with one).
     */
    public static boolean archiveSupported()
    {
        for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
        {
            if (!Files.isRegularFile(Path.of(entry)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * One untimed run that lists the classes it loads, then a static dump of them, as the wrapper does: only a
     * static archive stores picocli's Java 5 class files.
     */
    public void makeArchive() throws IOException, InterruptedException
    {
        Files.deleteIfExists(archive);
        final Path classes = context.outputDir().resolve("status-cli.classes");
        run(List.of("-XX:DumpLoadedClassList=" + classes), List.of("status", "--data-dir", dataDir.toString()));
        run(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classes, "-XX:SharedArchiveFile=" + archive),
            List.of());
        if (!Files.exists(archive))
        {
            throw new IllegalStateException("no class-data archive at " + archive + "; see " +
                context.logFile("status-cli"));
        }
    }

    /**
     * @return how long one run took, from spawn to exit, in nanoseconds.
     */
    public long timeNs(final boolean withArchive) throws IOException, InterruptedException
    {
        final long startNs = System.nanoTime();
        run(withArchive ? List.of("-XX:SharedArchiveFile=" + archive) : List.of(),
            List.of("status", "--data-dir", dataDir.toString()));
        return System.nanoTime() - startNs;
    }

    private void run(final List<String> archiveOptions, final List<String> args)
        throws IOException, InterruptedException
    {
        final List<String> options = new ArrayList<>(LauncherJvmOptions.list());
        options.addAll(archiveOptions);
        options.add("-Xlog:cds=off");
        options.add("-XX:-UsePerfData");
        // -Xshare:dump runs no main class: it dumps and exits, with the same class path as the timed runs.
        final List<String> command = JavaCommand.mainClass(LauncherMain.class)
            .jvmOptions(options)
            .args(args.toArray(String[]::new))
            .build();
        final Path log = context.logFile("status-cli");
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new IllegalStateException("procmesh status did not exit within " + TIMEOUT_S + " s; see " + log);
        }
        if (process.exitValue() != 0)
        {
            throw new IllegalStateException("procmesh status exited " + process.exitValue() + "; see " + log);
        }
    }
}
