package io.procmesh.launcher.topology;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where a key is written, given its path of field names. Jackson reports an unknown field where its value
 * ends, which may be lines below; an operator wants the line of the key itself.
 */
final class YamlKeyLocator
{
    private static final String IN_ARRAY = "[]";

    private YamlKeyLocator()
    {
    }

    /**
     * @param path field names from the document root, e.g. services, user, health, heartbeatTimeout.
     * @return the location of that key, or null if it is not found (the caller keeps Jackson's).
     */
    static JsonLocation locate(final ObjectMapper mapper, final String text, final List<String> path)
        throws IOException
    {
        // One slot per open container: the current key of an object, or a marker for an array.
        final List<String> slots = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(text))
        {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken())
            {
                if (token == JsonToken.START_OBJECT)
                {
                    slots.add(null);
                }
                else if (token == JsonToken.START_ARRAY)
                {
                    slots.add(IN_ARRAY);
                }
                else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY)
                {
                    slots.remove(slots.size() - 1);
                }
                else if (token == JsonToken.FIELD_NAME)
                {
                    slots.set(slots.size() - 1, parser.currentName());
                    if (keys(slots).equals(path))
                    {
                        return parser.currentTokenLocation();
                    }
                }
            }
        }
        return null;
    }

    private static List<String> keys(final List<String> slots)
    {
        final List<String> keys = new ArrayList<>(slots.size());
        for (final String slot : slots)
        {
            if (slot != null && !IN_ARRAY.equals(slot))
            {
                keys.add(slot);
            }
        }
        return keys;
    }
}
