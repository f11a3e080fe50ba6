package io.procmesh.launcher.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.lang.reflect.Type;

/**
 * Reads request bodies strictly, so a client learns exactly which field is wrong: malformed JSON, a wrong type
 * (no silent "5" to 5, 2.9 to 2 or 5 to "5"), a duplicate key, an unknown field or a missing body each become a
 * 400 naming the field, taken from Jackson's exception path. Every route and {@code /rpc} read through here.
 */
final class JsonRequestDecoder
{
    private final ObjectMapper mapper;

    JsonRequestDecoder()
    {
        this.mapper = strictMapper();
    }

    static ObjectMapper strictMapper()
    {
        final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .findAndAddModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
        mapper.coercionConfigFor(LogicalType.Textual)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * @return the body as a {@code type}; never null.
     * @throws GatewayException 400 naming the field at fault.
     */
    <T> T decode(final byte[] body, final Class<T> type)
    {
        if (body.length == 0)
        {
            throw new GatewayException(GatewayError.badRequest("body", "a JSON request body is required"));
        }
        final T value;
        try
        {
            value = mapper.readValue(body, type);
        }
        catch (final IOException ex)
        {
            throw new GatewayException(describe(ex), ex);
        }
        if (value == null)
        {
            throw new GatewayException(GatewayError.badRequest("body", "the request body must be a JSON object"));
        }
        return value;
    }

    JavaType type(final Type type)
    {
        return mapper.getTypeFactory().constructType(type);
    }

    /**
     * @return the body as a tree (duplicate keys refused), or null for an empty body.
     * @throws GatewayException 400 naming the body, or the duplicated key.
     */
    JsonNode readTree(final byte[] body)
    {
        if (body.length == 0)
        {
            return null;
        }
        try
        {
            return mapper.readTree(body);
        }
        catch (final IOException ex)
        {
            throw new GatewayException(describe(ex), ex);
        }
    }

    /**
     * Converts one argument's JSON as strictly as a body is read: the field named in an error is {@code field}
     * followed by the path inside the value, or {@code field} alone.
     *
     * @throws GatewayException 400 naming the field.
     */
    Object convert(final JsonNode node, final JavaType type, final String field)
    {
        if (node == null || node.isNull())
        {
            throw new GatewayException(GatewayError.badRequest(field, "'" + field + "' must not be null"));
        }
        try (JsonParser tokens = mapper.treeAsTokens(node))
        {
            return mapper.readerFor(type).readValue(tokens);
        }
        catch (final InputCoercionException ex)
        {
            throw new GatewayException(GatewayError.badRequest(field,
                "'" + field + "' is out of range: expected " + typeName(ex.getTargetType()) + " that fits"), ex);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new GatewayException(describe(ex, field), ex);
        }
    }

    private static GatewayError describe(final Exception ex, final String field)
    {
        final String inner = ex instanceof JsonMappingException mapping ? path(mapping) : null;
        final String named = inner == null ? field : "body".equals(field) ? inner : field + "." + inner;
        if (ex instanceof UnrecognizedPropertyException unknown)
        {
            return GatewayError.badRequest(named, "unknown field '" + named + "'; known fields: " +
                unknown.getKnownPropertyIds());
        }
        if (ex instanceof MismatchedInputException mismatch)
        {
            return GatewayError.badRequest(named, "field '" + named + "' has the wrong type: expected " +
                typeName(mismatch.getTargetType()));
        }
        if (ex instanceof IOException io)
        {
            final GatewayError error = describe(io);
            return GatewayError.badRequest(named, error.message());
        }
        return GatewayError.badRequest(named, "field '" + named + "' is invalid: " + ex.getMessage());
    }

    /**
     * Checks that a body is exactly one well-formed JSON value, without building it; an empty body is allowed.
     *
     * @throws GatewayException 400 with the location of the first error.
     */
    void requireWellFormed(final byte[] body)
    {
        if (body.length == 0)
        {
            return;
        }
        try (JsonParser parser = mapper.getFactory().createParser(body))
        {
            if (parser.nextToken() == null)
            {
                return;
            }
            parser.skipChildren();
            final JsonToken trailing = parser.nextToken();
            if (trailing != null)
            {
                throw new GatewayException(GatewayError.badRequest("body",
                    "malformed JSON: more than one value, unexpected " + trailing + " at " + location(parser)));
            }
        }
        catch (final IOException ex)
        {
            throw new GatewayException(describe(ex), ex);
        }
    }

    private static GatewayError describe(final IOException ex)
    {
        if (ex instanceof UnrecognizedPropertyException unknown)
        {
            final String field = path(unknown);
            return GatewayError.badRequest(field, "unknown field '" + field + "'; known fields: " +
                unknown.getKnownPropertyIds());
        }
        if (ex instanceof MismatchedInputException mismatch)
        {
            final String field = path(mismatch);
            if (field == null)
            {
                return GatewayError.badRequest("body", "the request body must be a JSON object: " +
                    mismatch.getOriginalMessage());
            }
            return GatewayError.badRequest(field, "field '" + field + "' has the wrong type: expected " +
                typeName(mismatch.getTargetType()));
        }
        if (ex instanceof StreamReadException duplicate && duplicate.getOriginalMessage() != null &&
            duplicate.getOriginalMessage().startsWith("Duplicate field '"))
        {
            final String message = duplicate.getOriginalMessage();
            final String field = message.substring("Duplicate field '".length(), message.indexOf('\'', 17));
            return GatewayError.badRequest(field, "field '" + field + "' appears twice");
        }
        if (ex instanceof StreamReadException malformed)
        {
            return GatewayError.badRequest("body", "malformed JSON at line " + malformed.getLocation().getLineNr() +
                ", column " + malformed.getLocation().getColumnNr() + ": " + withoutSource(malformed.getOriginalMessage()));
        }
        if (ex instanceof JsonProcessingException json)
        {
            return GatewayError.badRequest("body", "invalid JSON: " + json.getOriginalMessage());
        }
        return GatewayError.badRequest("body", "unreadable request body: " + ex.getMessage());
    }

    private static String path(final JsonMappingException ex)
    {
        final StringBuilder path = new StringBuilder();
        for (final JsonMappingException.Reference reference : ex.getPath())
        {
            if (reference.getFieldName() != null)
            {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            }
            else if (reference.getIndex() >= 0)
            {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    static String typeName(final Class<?> type)
    {
        if (type == null)
        {
            return "another type";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type))
        {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class ||
            type == Short.class || type == short.class)
        {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class)
        {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class)
        {
            return "true or false";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type))
        {
            return "a JSON array";
        }
        if (type.isEnum())
        {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "a JSON object";
    }

    /**
     * Jackson appends where the enclosing value started, as an unreadable "[Source: REDACTED ...]"; the line
     * and column we report already say where to look.
     */
    private static String withoutSource(final String message)
    {
        final int source = message.indexOf(" (start marker at [Source");
        return source < 0 ? message : message.substring(0, source);
    }

    private static String location(final JsonParser parser)
    {
        return "line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr();
    }
}
