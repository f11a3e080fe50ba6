package io.procmesh.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An instance's metadata (zone, role, anything a topology's {@code metadata:} names) as its registry entry stores
 * it: a JSON object of strings, keys sorted, at most {@value #MAX_UTF8_BYTES} UTF-8 bytes (the record's field).
 * Encoded once at registration and decoded when a caller first attaches to the instance, never per call.
 */
public final class InstanceMetadata
{
    /** The size of {@link InstanceRecord#getMetadata()}. */
    public static final int MAX_UTF8_BYTES = 512;

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>()
    {
    };

    private InstanceMetadata()
    {
    }

    /**
     * @return the entry's text for these pairs: empty for no pairs, else a JSON object with sorted keys.
     * @throws IllegalArgumentException naming the key or the size when a key is not a name (a letter, then
     * letters, digits, {@code _ . -}, at most 64) or the whole exceeds {@value #MAX_UTF8_BYTES} bytes.
     */
    public static String encode(final Map<String, String> metadata)
    {
        if (metadata.isEmpty())
        {
            return "";
        }
        final TreeMap<String, String> sorted = new TreeMap<>();
        for (final Map.Entry<String, String> pair : metadata.entrySet())
        {
            if (!KEY.matcher(pair.getKey()).matches())
            {
                throw new IllegalArgumentException("metadata key '" + pair.getKey() + "' is not a name: a letter, " +
                    "then letters, digits, '_', '.' or '-', at most 64 characters");
            }
            if (pair.getValue() == null)
            {
                throw new IllegalArgumentException("metadata key '" + pair.getKey() + "' has no value");
            }
            sorted.put(pair.getKey(), pair.getValue());
        }
        final String text;
        try
        {
            text = JSON.writeValueAsString(sorted);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("metadata cannot be written as JSON: " + ex.getOriginalMessage(), ex);
        }
        final int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_UTF8_BYTES)
        {
            throw new IllegalArgumentException("metadata is " + bytes + " bytes as JSON, more than the registry's " +
                MAX_UTF8_BYTES);
        }
        return text;
    }

    /**
     * @return the pairs of an entry's text, sorted by key; empty for an empty or unreadable text (an entry written
     * by an older procmesh), never null.
     */
    public static Map<String, String> decode(final CharSequence text)
    {
        if (text == null || text.length() == 0)
        {
            return Map.of();
        }
        try
        {
            return Collections.unmodifiableMap(JSON.readValue(text.toString(), MAP));
        }
        catch (final JsonProcessingException ex)
        {
            return Map.of();
        }
    }
}
