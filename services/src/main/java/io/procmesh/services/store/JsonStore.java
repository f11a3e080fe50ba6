package io.procmesh.services.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.openhft.chronicle.map.ChronicleMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A service's own persisted store: a Chronicle Map of id to JSON document. Writes go to the memory-mapped file,
 * so a killed process loses nothing it acknowledged.
 * <p>
 * One process owns a store. Opening it recovers the file, which clears a segment lock a killed previous owner
 * may have left; that is only safe because no other process uses it.
 */
public final class JsonStore<T> implements AutoCloseable
{
    private final ChronicleMap<CharSequence, CharSequence> map;
    private final Class<T> type;
    private final ObjectMapper mapper;

    private JsonStore(final ChronicleMap<CharSequence, CharSequence> map, final Class<T> type, final ObjectMapper mapper)
    {
        this.map = map;
        this.type = type;
        this.mapper = mapper;
    }

    public static <T> JsonStore<T> open(
        final Path file,
        final Class<T> type,
        final long maxEntries,
        final int averageValueBytes,
        final ObjectMapper mapper)
    {
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            final var builder = ChronicleMap.of(CharSequence.class, CharSequence.class)
                .name(file.getFileName().toString())
                .entries(maxEntries)
                .averageKeySize(24)
                .averageValueSize(averageValueBytes)
                .maxBloatFactor(4.0)
                .skipCloseOnExitHook(true);
            final ChronicleMap<CharSequence, CharSequence> map = Files.exists(file) ?
                builder.recoverPersistedTo(file.toFile(), true) : builder.createPersistedTo(file.toFile());
            return new JsonStore<>(map, type, mapper);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open store " + file + ": " + ex.getMessage(), ex);
        }
    }

    public T get(final String id)
    {
        final CharSequence json = map.get(id);
        return json == null ? null : read(json);
    }

    /**
     * @return the value already stored under the id, or null if this call stored the new one.
     */
    public T putIfAbsent(final String id, final T value)
    {
        final CharSequence previous = map.putIfAbsent(id, write(value));
        return previous == null ? null : read(previous);
    }

    public void put(final String id, final T value)
    {
        map.put(id, write(value));
    }

    public List<T> find(final Predicate<T> filter)
    {
        final List<T> result = new ArrayList<>();
        map.forEach((id, json) ->
        {
            final T value = read(json);
            if (filter.test(value))
            {
                result.add(value);
            }
        });
        return result;
    }

    public int size()
    {
        return map.size();
    }

    private T read(final CharSequence json)
    {
        try
        {
            return mapper.readValue(json.toString(), type);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("corrupt " + type.getSimpleName() + " in store: " + ex.getMessage(), ex);
        }
    }

    private String write(final T value)
    {
        try
        {
            return mapper.writeValueAsString(value);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("cannot store " + value + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close()
    {
        map.close();
    }
}
