package io.procmesh.core.rpc;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.registry.InstanceMetadata;
import io.procmesh.core.registry.InstanceSnapshot;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Which instances of each called service a client may reach: a version range ({@link VersionRange}, e.g. {@code ^1}:
 * never a 2.0.0) and a metadata filter ({@code role=primary,zone=eu-1}: every pair must be in the instance's
 * metadata). From the system properties {@code procmesh.versionRange.<service>} and
 * {@code procmesh.metadataFilter.<service>} (the launcher passes a service's topology {@code versions:} and
 * {@code metadataFilters:}), over which {@link RpcClient.Context} settings win. Checked once, when the client is
 * built: a bad range or filter fails there with one line naming its key.
 * <p>
 * The directory asks {@link #admits} when it attaches an instance or sees its entry change, at a refresh, so a pick
 * only ever sees admitted instances: nothing is parsed or allocated per call.
 */
final class InstanceSelectors
{
    private final Map<String, VersionRange> ranges = new HashMap<>();
    private final Map<String, Map<String, String>> filters = new HashMap<>();

    InstanceSelectors(final Map<String, String> rangeOverrides, final Map<String, String> filterOverrides)
    {
        final Properties properties = System.getProperties();
        final Map<String, String> rangeTexts = new LinkedHashMap<>();
        final Map<String, String> filterTexts = new LinkedHashMap<>();
        for (final String name : properties.stringPropertyNames())
        {
            if (name.startsWith(Configuration.VERSION_RANGE_PROP_PREFIX))
            {
                rangeTexts.put(name, properties.getProperty(name));
            }
            else if (name.startsWith(Configuration.METADATA_FILTER_PROP_PREFIX))
            {
                filterTexts.put(name, properties.getProperty(name));
            }
        }
        rangeOverrides.forEach((service, range) -> rangeTexts.put(Configuration.VERSION_RANGE_PROP_PREFIX + service,
            range));
        filterOverrides.forEach((service, filter) ->
            filterTexts.put(Configuration.METADATA_FILTER_PROP_PREFIX + service, filter));
        rangeTexts.forEach((key, text) ->
        {
            try
            {
                ranges.put(key.substring(Configuration.VERSION_RANGE_PROP_PREFIX.length()), VersionRange.parse(text));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(key + ": " + ex.getMessage(), ex);
            }
        });
        filterTexts.forEach((key, text) ->
            filters.put(key.substring(Configuration.METADATA_FILTER_PROP_PREFIX.length()),
                MetadataFilter.parse(key, text)));
    }

    /**
     * @return true if this client may call the instance: its version in the service's range and its metadata
     * holding every pair of the service's filter (true for a service with neither).
     */
    boolean admits(final InstanceSnapshot instance)
    {
        final VersionRange range = ranges.get(instance.service());
        if (range != null && !range.matches(instance.version()))
        {
            return false;
        }
        final Map<String, String> filter = filters.get(instance.service());
        if (filter == null)
        {
            return true;
        }
        final Map<String, String> metadata = InstanceMetadata.decode(instance.metadata());
        for (final Map.Entry<String, String> pair : filter.entrySet())
        {
            if (!pair.getValue().equals(metadata.get(pair.getKey())))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return what the client asks of the service's instances, for an UNAVAILABLE error: empty if nothing.
     */
    String describe(final String service)
    {
        final VersionRange range = ranges.get(service);
        final Map<String, String> filter = filters.get(service);
        return (range == null ? "" : " in version range '" + range + "'") +
            (filter == null ? "" : " with metadata " + filter);
    }
}
