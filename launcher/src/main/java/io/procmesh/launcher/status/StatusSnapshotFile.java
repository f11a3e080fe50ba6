package io.procmesh.launcher.status;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code launcher/status.json}. Replaced by rename, so a reader sees one whole snapshot, but not fsynced: it is a
 * view rewritten several times a second, worthless after a crash, and an fsync per health check would cost the
 * services disk time.
 */
public final class StatusSnapshotFile
{
    private final ObjectMapper mapper = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
    private final Path file;
    private final Path temporary;

    public StatusSnapshotFile(final Path file)
    {
        this.file = file;
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
    }

    public void write(final StatusSnapshot snapshot) throws IOException
    {
        Files.write(temporary, mapper.writeValueAsBytes(snapshot));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * @return the last snapshot, or empty if there is none or it cannot be read (the reader then falls back to
     * the registry).
     */
    public Optional<StatusSnapshot> read()
    {
        try
        {
            return Optional.of(mapper.readValue(Files.readAllBytes(file), StatusSnapshot.class));
        }
        catch (final NoSuchFileException ex)
        {
            return Optional.empty();
        }
        catch (final JacksonException ex)
        {
            return Optional.empty();
        }
        catch (final IOException ex)
        {
            return Optional.empty();
        }
    }

    public void delete() throws IOException
    {
        Files.deleteIfExists(file);
    }

    public Path file()
    {
        return file;
    }
}
