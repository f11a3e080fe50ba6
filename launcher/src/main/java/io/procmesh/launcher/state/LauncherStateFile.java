package io.procmesh.launcher.state;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes {@code launcher/state.json}. Writes go through {@link AtomicFile} (temporary file, fsync,
 * rename, fsync of the directory), so a reader, even after a host crash, sees the previous state or the next,
 * never half of one.
 */
public final class LauncherStateFile
{
    private final ObjectMapper mapper = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
    private final Path file;

    public LauncherStateFile(final Path file)
    {
        this.file = file;
    }

    public void write(final LauncherState state) throws IOException
    {
        AtomicFile.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
    }

    /**
     * @return the last state written, or empty if no launcher ever ran on this data directory.
     * @throws IOException if the file exists but cannot be read or parsed.
     */
    public Optional<LauncherState> read() throws IOException
    {
        try
        {
            return Optional.of(mapper.readValue(Files.readAllBytes(file), LauncherState.class));
        }
        catch (final NoSuchFileException ex)
        {
            return Optional.empty();
        }
        catch (final JacksonException ex)
        {
            throw new IOException(file + " is not a launcher state file: " + ex.getOriginalMessage(), ex);
        }
    }

    public Path file()
    {
        return file;
    }
}
