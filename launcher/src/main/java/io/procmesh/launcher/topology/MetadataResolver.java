package io.procmesh.launcher.topology;

import io.procmesh.core.registry.InstanceMetadata;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a service's {@code metadata:} mapping (zone, role, anything) and encodes it as the registry stores it
 * ({@link InstanceMetadata}), for the launcher to pass to each child as {@code procmesh.metadata}. Scalars become
 * text; a nested mapping or list, a missing value, a key that is not a name or a whole over the registry's 512
 * bytes is a topology error at the value's line and column.
 */
final class MetadataResolver
{
    private final String source;

    MetadataResolver(final String source)
    {
        this.source = source;
    }

    /**
     * @param service where the service is named: the mark of a key written with no value, which has no position
     *                of its own.
     * @return the encoded metadata, or null when the service has none.
     */
    String encode(final String path, final Map<String, Located<Object>> metadata, final SourceMark service)
    {
        if (metadata == null || metadata.isEmpty())
        {
            return null;
        }
        final Map<String, String> text = new LinkedHashMap<>();
        Located<Object> first = null;
        for (final Map.Entry<String, Located<Object>> pair : metadata.entrySet())
        {
            final Located<Object> value = pair.getValue();
            final String key = path + ".metadata." + pair.getKey();
            if (value == null || value.value() == null)
            {
                throw new TopologyException(value == null ? service : value.mark(source), key + " has no value");
            }
            if (value.value() instanceof Map || value.value() instanceof Iterable)
            {
                throw new TopologyException(value.mark(source), key + " must be a scalar (text, number or " +
                    "boolean), not a " + (value.value() instanceof Map ? "mapping" : "list"));
            }
            first = first == null ? value : first;
            text.put(pair.getKey(), String.valueOf(value.value()));
            try
            {
                InstanceMetadata.encode(Map.of(pair.getKey(), text.get(pair.getKey())));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new TopologyException(value.mark(source), path + ".metadata: " + ex.getMessage());
            }
        }
        try
        {
            return InstanceMetadata.encode(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TopologyException(first.mark(source), path + ".metadata: " + ex.getMessage());
        }
    }
}
