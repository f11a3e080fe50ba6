package io.procmesh.core.rpc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text of a metadata filter, {@code name=value[,name=value...]} (e.g. {@code role=primary,zone=eu-1}): an
 * instance passes when its metadata holds every pair. Parsed where it is configured (the launcher's topology check,
 * a client's construction), never per call.
 */
public final class MetadataFilter
{
    private MetadataFilter()
    {
    }

    /**
     * @param key the setting's name, for the error: e.g. {@code procmesh.metadataFilter.pricing}.
     * @return the pairs, in order.
     * @throws IllegalArgumentException naming the key, for a pair without {@code =} or with an empty name.
     */
    public static Map<String, String> parse(final String key, final String text)
    {
        final Map<String, String> pairs = new LinkedHashMap<>();
        for (final String pair : String.valueOf(text).split(",", -1))
        {
            final int equals = pair.indexOf('=');
            if (equals <= 0 || pair.substring(0, equals).isBlank())
            {
                throw new IllegalArgumentException(key + ": '" + text + "' is not a metadata filter: use " +
                    "name=value[,name=value...], e.g. role=primary");
            }
            pairs.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return pairs;
    }
}
