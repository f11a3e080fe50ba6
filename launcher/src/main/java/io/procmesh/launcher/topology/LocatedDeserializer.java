package io.procmesh.launcher.topology;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;

import java.io.IOException;

/**
 * Reads a {@link Located} by noting the parser's position, then reading the wrapped type as usual.
 */
final class LocatedDeserializer extends JsonDeserializer<Located<?>> implements ContextualDeserializer
{
    private final JavaType valueType;

    public LocatedDeserializer()
    {
        this(null);
    }

    private LocatedDeserializer(final JavaType valueType)
    {
        this.valueType = valueType;
    }

    @Override
    public JsonDeserializer<?> createContextual(final DeserializationContext context, final BeanProperty property)
    {
        final JavaType wrapper = context.getContextualType() != null ?
            context.getContextualType() : property.getType();
        return new LocatedDeserializer(wrapper.containedTypeOrUnknown(0));
    }

    @Override
    public Located<?> deserialize(final JsonParser parser, final DeserializationContext context) throws IOException
    {
        final JsonLocation location = parser.currentTokenLocation();
        final Object value = context.readValue(parser, valueType);
        return new Located<>(value, location.getLineNr(), location.getColumnNr());
    }
}
