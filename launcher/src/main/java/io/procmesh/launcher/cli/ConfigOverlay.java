package io.procmesh.launcher.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.state.AtomicFile;
import io.procmesh.launcher.topology.ServiceDefinition;
import io.procmesh.launcher.topology.Topology;
import io.procmesh.launcher.topology.TopologyLoader;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A topology's live-config overlay: {@code /x/y/name.yaml} has {@code /x/y/name.overlay.json}, holding
 * {@code {"services": {"<service>": {"<key>": <JSON value>}}}}. Written whole to a 0600 temporary file, fsynced and
 * renamed over the overlay (then the directory fsynced), under an exclusive lock on {@code name.overlay.json.lock}
 * so two commands never lose each other's keys; a service polling the file sees the old overlay or the new one,
 * never a torn one. The running service reads it (overlay keys win over the topology's {@code config:}).
 */
final class ConfigOverlay
{
    static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();

    private final Path topology;
    private final Path overlay;

    ConfigOverlay(final Path topology)
    {
        this.topology = topology;
        final String name = topology.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        this.overlay = topology.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".overlay.json");
    }

    Path file()
    {
        return overlay;
    }

    /**
     * @return VALUE as JSON if it parses as one JSON value ({@code 12}, {@code true}, {@code "x"}, {@code [1,2]}),
     * else as a string; null for an empty VALUE, which removes the key.
     */
    static JsonNode parseValue(final String value)
    {
        if (value.isEmpty())
        {
            return null;
        }
        try
        {
            return JSON.readTree(value);
        }
        catch (final JacksonException ex)
        {
            return TextNode.valueOf(value);
        }
    }

    /**
     * @return the service's {@code config:} block in the topology file, empty if it has none. The file is read with
     * the launcher's own loader, so it is understood exactly as {@code up} understands it (route paths with unquoted
     * braces included) and a bad one gets the same one-line error.
     * @throws LauncherException (usage) if the topology declares no such service.
     */
    Map<String, JsonNode> topologyConfig(final String service)
    {
        final Topology loaded = new TopologyLoader(ConfigOverlay.class.getClassLoader()).load(topology);
        final ServiceDefinition definition = loaded.service(service);
        if (definition == null)
        {
            throw new LauncherException(ExitCodes.USAGE, "unknown service '" + service + "' in " + topology +
                " (services: " + String.join(", ", loaded.serviceNames()) + ")");
        }
        final Map<String, JsonNode> fields = new LinkedHashMap<>();
        definition.config().forEach((key, value) -> fields.put(key, JSON.valueToTree(value)));
        return fields;
    }

    /**
     * @return the service's keys in the overlay, empty if the overlay or the service is absent.
     */
    Map<String, JsonNode> overlayConfig(final String service) throws IOException
    {
        return fields(read().path("services").path(service));
    }

    /**
     * Sets (or, for a null value, removes) keys of one service and replaces the overlay file.
     */
    void update(final String service, final Map<String, JsonNode> changes) throws IOException
    {
        final Path lockFile = overlay.resolveSibling(overlay.getFileName() + ".lock");
        // Private like the overlay itself (AtomicFile.writePrivate): another local user must not hold the lock.
        try (FileChannel lockChannel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                "rw-------")));
            FileLock ignored = lockChannel.lock())
        {
            final ObjectNode root = read();
            final ObjectNode services = root.with("services");
            final ObjectNode keys = services.with(service);
            for (final Map.Entry<String, JsonNode> change : changes.entrySet())
            {
                if (change.getValue() == null)
                {
                    keys.remove(change.getKey());
                }
                else
                {
                    keys.set(change.getKey(), change.getValue());
                }
            }
            if (keys.isEmpty())
            {
                services.remove(service);
            }
            AtomicFile.writePrivate(overlay, JSON.writeValueAsBytes(root));
        }
    }

    private ObjectNode read() throws IOException
    {
        final byte[] content;
        try
        {
            content = Files.readAllBytes(overlay);
        }
        catch (final NoSuchFileException ex)
        {
            return JsonNodeFactory.instance.objectNode();
        }
        try
        {
            final JsonNode root = JSON.readTree(content);
            if (root instanceof ObjectNode object && (!root.has("services") || root.get("services").isObject()))
            {
                return object;
            }
        }
        catch (final JacksonException ex)
        {
            // Reported below: a hand-edited overlay that does not parse is not silently replaced.
        }
        throw new LauncherException(ExitCodes.FAILURE, overlay + " is not an overlay ({\"services\": {...}}): fix " +
            "or delete it");
    }

    private static Map<String, JsonNode> fields(final JsonNode node)
    {
        final Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (node.isObject())
        {
            node.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
        }
        return fields;
    }
}
