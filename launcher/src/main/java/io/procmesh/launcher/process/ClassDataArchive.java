package io.procmesh.launcher.process;

import io.procmesh.core.config.JavaCommand;
import io.procmesh.core.process.LoggedProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The class-data-sharing archive child JVMs start with: the classes a procmesh service loads (Chronicle, Jackson,
 * Logback, procmesh), parsed and laid out once and then mapped by every child. Class loading is most of a service's
 * start-up; with the archive one started in about half the time here (measured in docs/operations.md).
 * <p>
 * Java 17 makes a dynamic archive only when a JVM exits normally, and services are stopped by SIGTERM or killed, so
 * the launcher runs a short training JVM (a training main class ({@code io.procmesh.launcher.training.ClassDataTrainingMain} under {@code procmesh up})) with {@code -XX:ArchiveClassesAtExit}
 * once every instance is UP (not before: on 2 cores it would slow the first start it is meant to speed up). The
 * archive is named by a fingerprint of the Java runtime and of every class-path jar's path, size and time, so a
 * rebuilt jar or another JDK gets a new one; the JVM checks the same itself and runs without an archive that does
 * not match, so a stale archive only costs speed. It is written under a temporary name and renamed, so a child
 * never maps a half-written file. Only jar class paths can be archived: with directories (tests) this is off.
 */
public final class ClassDataArchive implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);
    private static final String SUFFIX = ".jsa";
    private static final String TEMPORARY = ".tmp";
    private static final Path NICE = Path.of("/usr/bin/nice");

    private final Path directory;
    private final Path archive;
    private final ChildClassPath classPath;
    private final Path log;
    private final String trainingMain;
    private volatile Process training;

    private ClassDataArchive(
        final Path directory, final Path archive, final ChildClassPath classPath, final Path log,
        final String trainingMain)
    {
        this.directory = directory;
        this.archive = archive;
        this.classPath = classPath;
        this.log = log;
        this.trainingMain = trainingMain;
    }

    /**
     * @param directory    where archives live (one launcher per data directory uses it).
     * @param log          where the training JVM's output goes.
     * @param trainingMain the main class the training JVM runs, on the children's class path; null disables.
     */
    public static ClassDataArchive of(
        final boolean enabled, final Path directory, final ChildClassPath classPath, final Path log,
        final String trainingMain)
    {
        if (!enabled || trainingMain == null || !classPath.allJars())
        {
            return disabled();
        }
        return new ClassDataArchive(directory, directory.resolve("classes-" + fingerprint(classPath) + SUFFIX),
            classPath, log, trainingMain);
    }

    public static ClassDataArchive disabled()
    {
        return new ClassDataArchive(null, null, null, null, null);
    }

    private static String fingerprint(final ChildClassPath classPath)
    {
        final StringBuilder identity = new StringBuilder()
            .append(System.getProperty("java.home")).append('|')
            .append(System.getProperty("java.vm.version"));
        for (final Path jar : classPath.entries())
        {
            final File file = jar.toFile();
            identity.append('|').append(jar).append(':').append(file.length()).append(':').append(file.lastModified());
        }
        return UUID.nameUUIDFromBytes(identity.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * @return where the archive is, or will be once made; null when class-data sharing is off.
     */
    Path file()
    {
        return archive;
    }

    /**
     * @return the archive for a child to map, or empty while it does not exist yet.
     */
    public Optional<Path> ready()
    {
        return archive != null && Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }

    /**
     * Starts the training JVM in the background unless the archive exists or is being made. Archives of other
     * fingerprints (an older jar) and leftovers of a launcher killed while training are removed first.
     */
    public void createIfMissing()
    {
        if (archive == null || Files.isRegularFile(archive) || training != null)
        {
            return;
        }
        try
        {
            Files.createDirectories(directory);
            removeEverythingBut(archive);
            final Path temporary = directory.resolve(archive.getFileName() + TEMPORARY);
            final Path scratch = directory.resolve("training");
            // Lowest CPU priority: it is background work, and a service (re)starting meanwhile should not share
            // 2 cores with it evenly (the first kill in LauncherFigures comes while it runs).
            final List<String> command = JavaCommand.mainClass(trainingMain)
                .prefix(Files.isExecutable(NICE) ? List.of(NICE.toString(), "-n", "19") : List.of())
                .archiveClassesAtExit(temporary)
                .classPath(classPath.value())
                .args(scratch.toString())
                .build();
            final Process process = LoggedProcess.start(command, log, true);
            training = process;
            LOG.info("making the class-data-sharing archive for child JVMs: pid {} (log {})", process.pid(), log);
            process.onExit().thenAccept(exited -> finish(exited, temporary, scratch));
        }
        catch (final IOException | UncheckedIOException ex)
        {
            LOG.warn("cannot make the class-data-sharing archive in {}: {}", directory, ex.toString());
        }
    }

    private void finish(final Process exited, final Path temporary, final Path scratch)
    {
        try
        {
            deleteRecursively(scratch);
            if (exited.exitValue() == 0 && Files.size(temporary) > 0)
            {
                Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("class-data-sharing archive ready: {}; children started from now on map it", archive);
            }
            else
            {
                Files.deleteIfExists(temporary);
                LOG.warn("no class-data-sharing archive: the training JVM exited with {} (see {})",
                    exited.exitValue(), log);
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            LOG.warn("no class-data-sharing archive: {} (see {})", ex.toString(), log);
        }
    }

    private void removeEverythingBut(final Path keep) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                if (!file.equals(keep))
                {
                    deleteRecursively(file);
                }
            }
        }
    }

    private static void deleteRecursively(final Path root) throws IOException
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Stops a training JVM still running, so that nothing the launcher started outlives it.
     */
    @Override
    public void close()
    {
        final Process process = training;
        if (process != null && process.isAlive())
        {
            process.destroyForcibly();
        }
    }
}
