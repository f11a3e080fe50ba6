package io.procmesh.launcher.topology;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.rpc.MetadataFilter;
import io.procmesh.core.rpc.VersionRange;

import java.util.Map;

/**
 * Checks a calling service's {@code versions: {pricing: "^1"}} and {@code metadataFilters: {pricing: role=primary}}
 * and turns them into the child's {@code procmesh.versionRange.<service>} and
 * {@code procmesh.metadataFilter.<service>}, which its client applies to every call of that service. A bad range or
 * filter is a topology error at its value's line and column, naming the key.
 */
final class SelectorResolver
{
    private final String source;

    SelectorResolver(final String source)
    {
        this.source = source;
    }

    /**
     * @param service where the service is named: the mark of a key written with no value, which has none of its own.
     */
    void put(final String path, final TopologyDocument.ServiceEntry entry, final SourceMark service,
             final Map<String, String> properties)
    {
        for (final Map.Entry<String, Located<String>> range : orEmpty(entry.versions()).entrySet())
        {
            final String key = path + ".versions." + range.getKey();
            final String text = value(key, range.getValue(), service);
            try
            {
                VersionRange.parse(text);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new TopologyException(range.getValue().mark(source), key + ": " + ex.getMessage());
            }
            properties.put(Configuration.VERSION_RANGE_PROP_PREFIX + range.getKey(), text.trim());
        }
        for (final Map.Entry<String, Located<String>> filter : orEmpty(entry.metadataFilters()).entrySet())
        {
            final String key = path + ".metadataFilters." + filter.getKey();
            final String text = value(key, filter.getValue(), service);
            try
            {
                MetadataFilter.parse(key, text);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new TopologyException(filter.getValue().mark(source), ex.getMessage());
            }
            properties.put(Configuration.METADATA_FILTER_PROP_PREFIX + filter.getKey(), text.trim());
        }
    }

    private String value(final String key, final Located<String> value, final SourceMark service)
    {
        if (value == null || value.value() == null)
        {
            throw new TopologyException(value == null ? service : value.mark(source), key + " has no value");
        }
        return value.value();
    }

    private static Map<String, Located<String>> orEmpty(final Map<String, Located<String>> map)
    {
        return map == null ? Map.of() : map;
    }
}
