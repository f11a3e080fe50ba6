package io.procmesh.core.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.agent.ErrorHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A service's typed config: the topology's {@code config:} block (a JSON object file the launcher writes) with the
 * live overlay on top ({@code {"services": {"<service>": {...}}}}, written by {@code procmesh config}); a key in
 * the overlay wins. {@link #poll()} re-reads the overlay when the file changed (its inode, time or size: the CLI
 * replaces it by rename) and tells the listeners which keys changed; {@link ServiceContext} runs it on the
 * heartbeat thread every {@code procmesh.configPollMs}. Reads see one consistent set of values, swapped whole.
 */
public final class ServiceConfig
{
    public static final String TOPOLOGY = "topology";
    public static final String OVERLAY = "overlay";

    private final String service;
    private final Map<String, JsonNode> topology;
    private final Path overlayFile;
    private final ObjectMapper mapper;
    private final ErrorHandler errorHandler;
    private final List<ConfigListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, JsonNode> overlay;
    private Object overlayVersion;

    private ServiceConfig(
        final String service,
        final Map<String, JsonNode> topology,
        final Path overlayFile,
        final ObjectMapper mapper,
        final ErrorHandler errorHandler)
    {
        this.service = service;
        this.topology = Map.copyOf(topology);
        this.overlayFile = overlayFile;
        this.mapper = mapper;
        this.errorHandler = errorHandler;
        this.overlayVersion = version(overlayFile);
        this.overlay = readOverlay();
    }

    /**
     * Reads the topology config file and the overlay as they are now.
     *
     * @param configFile  the topology's config block as a JSON object, or null for none.
     * @param overlayFile the live-config overlay, or null for none; it need not exist yet.
     * @throws ConfigException naming the file when either is not the JSON object it must be.
     */
    public static ServiceConfig load(
        final String service,
        final Path configFile,
        final Path overlayFile,
        final ObjectMapper mapper,
        final ErrorHandler errorHandler)
    {
        final Map<String, JsonNode> topology = configFile == null ? Map.of() : fields(read(configFile, mapper),
            configFile, "a JSON object of config keys");
        return new ServiceConfig(service, topology, overlayFile, mapper, errorHandler);
    }

    /**
     * A fixed config, e.g. for a test of a service built in-process: the values count as the topology's.
     */
    public static ServiceConfig of(final String service, final Map<String, ?> values)
    {
        final ObjectMapper mapper = new ObjectMapper();
        final Map<String, JsonNode> topology = new HashMap<>();
        values.forEach((key, value) -> topology.put(key, mapper.valueToTree(value)));
        return new ServiceConfig(service, topology, null, mapper, error ->
        {
            throw new IllegalStateException(error);
        });
    }

    /**
     * @throws ConfigException naming the key when it is not set, or not of the type.
     */
    public <T> T get(final String key, final Class<T> type)
    {
        final JsonNode node = value(key);
        if (node == null)
        {
            throw new ConfigException("config key '" + key + "' of service '" + service + "' is not set " +
                "(set it in the topology's config: block, or with 'procmesh config " + service + " " + key +
                "=VALUE')");
        }
        return convert(key, node, type);
    }

    /**
     * @return the value, or the default when the key is not set.
     * @throws ConfigException naming the key when it is set but not of the type.
     */
    public <T> T get(final String key, final Class<T> type, final T defaultValue)
    {
        final JsonNode node = value(key);
        return node == null ? defaultValue : convert(key, node, type);
    }

    public boolean has(final String key)
    {
        return value(key) != null;
    }

    /**
     * @return {@link #OVERLAY} or {@link #TOPOLOGY} for a key that is set, else null.
     */
    public String source(final String key)
    {
        final JsonNode fromOverlay = overlay.get(key);
        if (fromOverlay != null && !fromOverlay.isNull())
        {
            return OVERLAY;
        }
        return has(key) ? TOPOLOGY : null;
    }

    /**
     * @return every key set, sorted.
     */
    public Set<String> keys()
    {
        final Set<String> keys = new TreeSet<>();
        topology.forEach((key, value) -> addIfSet(keys, key, value));
        overlay.forEach((key, value) -> addIfSet(keys, key, value));
        return keys;
    }

    public void onChange(final ConfigListener listener)
    {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Re-reads the overlay if its file changed and tells the listeners which keys changed. A file that is not
     * valid is reported once (per version of the file) and the values in force stay.
     *
     * @return the keys that changed, sorted, empty if none.
     */
    public Set<String> poll()
    {
        final Object version = version(overlayFile);
        if (Objects.equals(version, overlayVersion))
        {
            return Set.of();
        }
        overlayVersion = version;
        final Map<String, JsonNode> before = overlay;
        try
        {
            overlay = readOverlay();
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(new IllegalStateException(ex.getMessage() + "; service '" + service +
                "' keeps the config it had", ex));
            return Set.of();
        }
        final SortedSet<String> changed = changedKeys(before, overlay);
        if (!changed.isEmpty())
        {
            final Set<String> view = Collections.unmodifiableSortedSet(changed);
            for (final ConfigListener listener : listeners)
            {
                try
                {
                    listener.onChange(view);
                }
                catch (final RuntimeException ex)
                {
                    errorHandler.onError(new IllegalStateException("config listener of service '" + service +
                        "' failed on " + view + ": " + ex, ex));
                }
            }
        }
        return Collections.unmodifiableSortedSet(changed);
    }

    private SortedSet<String> changedKeys(final Map<String, JsonNode> before, final Map<String, JsonNode> after)
    {
        final Set<String> candidates = new HashSet<>(before.keySet());
        candidates.addAll(after.keySet());
        final SortedSet<String> changed = new TreeSet<>();
        for (final String key : candidates)
        {
            if (!Objects.equals(merged(before, key), merged(after, key)))
            {
                changed.add(key);
            }
        }
        return changed;
    }

    private JsonNode value(final String key)
    {
        return merged(overlay, key);
    }

    private JsonNode merged(final Map<String, JsonNode> overlayValues, final String key)
    {
        final JsonNode fromOverlay = overlayValues.get(key);
        if (fromOverlay != null && !fromOverlay.isNull())
        {
            return fromOverlay;
        }
        final JsonNode fromTopology = topology.get(key);
        return fromTopology == null || fromTopology.isNull() ? null : fromTopology;
    }

    private <T> T convert(final String key, final JsonNode node, final Class<T> type)
    {
        final Object value = ConfigValues.convert(node, type, mapper);
        if (value == null)
        {
            throw new ConfigException("config key '" + key + "' of service '" + service + "' must be " +
                ConfigValues.describe(type) + ", was " + node + " (from the " + source(key) + ")");
        }
        @SuppressWarnings("unchecked") final T typed = (T)value;
        return typed;
    }

    private Map<String, JsonNode> readOverlay()
    {
        if (overlayFile == null)
        {
            return Map.of();
        }
        final JsonNode root;
        try
        {
            root = mapper.readTree(Files.readString(overlayFile));
        }
        catch (final NoSuchFileException ex)
        {
            return Map.of();
        }
        catch (final JsonProcessingException ex)
        {
            throw new ConfigException("config overlay " + overlayFile + " is not valid JSON: " +
                ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read config overlay " + overlayFile + ": " + ex, ex);
        }
        final String shape = "{\"services\": {\"<service>\": {\"<key>\": <value>}}}";
        final JsonNode services = root == null ? null : root.get("services");
        if (root == null || !root.isObject() || (services != null && !services.isObject()))
        {
            throw new ConfigException("config overlay " + overlayFile + " must be " + shape);
        }
        final JsonNode mine = services == null ? null : services.get(service);
        return mine == null || mine.isNull() ? Map.of() : fields(mine, overlayFile, shape);
    }

    private static JsonNode read(final Path file, final ObjectMapper mapper)
    {
        try
        {
            return mapper.readTree(Files.readString(file));
        }
        catch (final JsonProcessingException ex)
        {
            throw new ConfigException("config file " + file + " is not valid JSON: " +
                ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new ConfigException("cannot read config file " + file + ": " + ex);
        }
    }

    private static Map<String, JsonNode> fields(final JsonNode node, final Path file, final String shape)
    {
        if (node == null || !node.isObject())
        {
            throw new ConfigException("config file " + file + " must hold " + shape + ", was " + node);
        }
        final Map<String, JsonNode> values = new HashMap<>();
        node.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue()));
        return values;
    }

    private static void addIfSet(final Set<String> keys, final String key, final JsonNode value)
    {
        if (value != null && !value.isNull())
        {
            keys.add(key);
        }
    }

    /**
     * What tells one version of the overlay from the next: the CLI writes a temp file and renames it over the
     * overlay, so the inode changes even when two writes share a time stamp and a size.
     */
    private static Object version(final Path file)
    {
        if (file == null)
        {
            return null;
        }
        try
        {
            final BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read config overlay " + file + ": " + ex, ex);
        }
    }
}
