package io.procmesh.core.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * Turns one config value (JSON) into the type asked for, as strictly as the gateway binds arguments: 2.9 is not an
 * Integer, "12" is not a number, 12 is not a String. Other types (lists, maps, records) go through Jackson.
 */
final class ConfigValues
{
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
        int.class, Integer.class, long.class, Long.class, double.class, Double.class, boolean.class, Boolean.class,
        float.class, Float.class, short.class, Short.class, byte.class, Byte.class);

    private ConfigValues()
    {
    }

    /**
     * @return the value as the type, or null when it is not one.
     */
    static Object convert(final JsonNode node, final Class<?> requested, final ObjectMapper mapper)
    {
        final Class<?> type = BOXES.getOrDefault(requested, requested);
        if (type == String.class)
        {
            return node.isTextual() ? node.textValue() : null;
        }
        if (type == Integer.class)
        {
            return node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
        }
        if (type == Long.class)
        {
            return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
        }
        if (type == Double.class)
        {
            return node.isNumber() ? node.doubleValue() : null;
        }
        if (type == Boolean.class)
        {
            return node.isBoolean() ? node.booleanValue() : null;
        }
        if (type == Object.class || type == JsonNode.class)
        {
            return type == JsonNode.class ? node.deepCopy() : mapper.convertValue(node, Object.class);
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type))
        {
            throw new IllegalArgumentException("config values of type " + requested.getName() + " are not " +
                "supported: ask for Integer, Long, Double, Boolean, String, a List, a Map or a record");
        }
        try
        {
            return mapper.treeToValue(node, type);
        }
        catch (final JsonProcessingException | IllegalArgumentException ex)
        {
            return null;
        }
    }

    static String describe(final Class<?> requested)
    {
        final Class<?> type = BOXES.getOrDefault(requested, requested);
        return type == Integer.class || type == Long.class ? "an integer (" + type.getSimpleName() + ")" :
            type == Double.class ? "a number" : type == Boolean.class ? "true or false" :
            type == String.class ? "a string" : "a " + type.getSimpleName();
    }
}
