package io.procmesh.launcher.state;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The running launchers of this user, one file each in {@code <runtimeDir>/launchers/<pid>.json} (directory 0700,
 * files 0600), so that every verb finds a launcher's data directory without {@code --data-dir}. A launcher
 * registers once it holds its data directory's lock and removes its file when it lets the lock go; a file left by
 * a killed launcher is recognised (its pid is gone or was reused: the start time differs) and deleted by the next
 * reader.
 */
public final class RunningLaunchers
{
    private static final String SUFFIX = ".json";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private final Path directory;

    /**
     * @param pid      the launcher's pid.
     * @param startMs  its start time, so a reused pid is not mistaken for it.
     * @param dataDir  its data directory, absolute.
     * @param workDir  the directory it was started from.
     */
    public record Entry(long pid, long startMs, String dataDir, String workDir)
    {
    }

    /**
     * @param runtimeDir the per-user runtime directory ({@code LauncherConfiguration.runtimeDir()}).
     */
    public RunningLaunchers(final Path runtimeDir)
    {
        this.directory = runtimeDir.resolve("launchers");
    }

    public Path directory()
    {
        return directory;
    }

    /**
     * Records this process as the launcher of the data directory.
     *
     * @return the file written, to pass to {@link #unregister(Path)}.
     */
    public Path register(final Path dataDir) throws IOException
    {
        final ProcessHandle self = ProcessHandle.current();
        final Entry entry = new Entry(self.pid(), RunningLauncher.startMs(self),
            dataDir.toAbsolutePath().normalize().toString(), Path.of("").toAbsolutePath().toString());
        if (!Files.isDirectory(directory))
        {
            Files.createDirectories(directory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        final Path file = directory.resolve(self.pid() + SUFFIX);
        final Path temporary = directory.resolve(self.pid() + SUFFIX + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(temporary, MAPPER.writeValueAsBytes(entry));
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    public static void unregister(final Path file) throws IOException
    {
        Files.deleteIfExists(file);
    }

    /**
     * @return every launcher whose process still runs (same pid, same start time), oldest first. Files of
     * launchers that are gone are deleted on the way.
     */
    public List<Entry> live()
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        final List<Entry> live = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX))
        {
            for (final Path file : files)
            {
                read(file).ifPresent(entry ->
                {
                    if (isRunning(entry))
                    {
                        live.add(entry);
                    }
                    else
                    {
                        deleteQuietly(file);
                    }
                });
            }
        }
        catch (final IOException ex)
        {
            // An unreadable runtime directory is no launcher found: the verbs fall back to their default data dir.
            return List.of();
        }
        live.sort(Comparator.comparingLong(Entry::startMs));
        return live;
    }

    private static Optional<Entry> read(final Path file)
    {
        try
        {
            return Optional.of(MAPPER.readValue(Files.readAllBytes(file), Entry.class));
        }
        catch (final JacksonException ex)
        {
            // Not ours, or torn: a launcher writes by rename, so only a foreign or damaged file parses badly.
            deleteQuietly(file);
            return Optional.empty();
        }
        catch (final IOException ex)
        {
            return Optional.empty();
        }
    }

    private static boolean isRunning(final Entry entry)
    {
        return ProcessHandle.of(entry.pid())
            .filter(handle -> handle.isAlive() && RunningLauncher.startedAt(handle, entry.startMs()))
            .isPresent();
    }

    private static void deleteQuietly(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            // Another reader deleted it, or the directory is not ours to clean: nothing is lost.
            return;
        }
    }
}
