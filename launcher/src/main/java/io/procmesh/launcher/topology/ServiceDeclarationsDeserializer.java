package io.procmesh.launcher.topology;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code services} mapping keeping each name's position, so an error about a service as a whole
 * (no mainClass, a bad name) points at the line that names it.
 */
final class ServiceDeclarationsDeserializer extends JsonDeserializer<List<TopologyDocument.ServiceDeclaration>>
{
    @Override
    public List<TopologyDocument.ServiceDeclaration> deserialize(
        final JsonParser parser, final DeserializationContext context) throws IOException
    {
        if (!parser.isExpectedStartObjectToken())
        {
            return context.reportInputMismatch(this,
                "'services' must be a mapping from service name to its settings, found %s", parser.currentToken());
        }
        final List<TopologyDocument.ServiceDeclaration> services = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken())
        {
            final JsonLocation nameLocation = parser.currentTokenLocation();
            final String name = parser.currentName();
            parser.nextToken();
            final TopologyDocument.ServiceEntry entry;
            try
            {
                entry = parser.currentToken() == JsonToken.VALUE_NULL ?
                    null : context.readValue(parser, TopologyDocument.ServiceEntry.class);
            }
            catch (final JsonMappingException ex)
            {
                throw JsonMappingException.wrapWithPath(ex, services, name);
            }
            services.add(new TopologyDocument.ServiceDeclaration(
                new Located<>(name, nameLocation.getLineNr(), nameLocation.getColumnNr()), entry));
        }
        return services;
    }

    @Override
    public List<TopologyDocument.ServiceDeclaration> getNullValue(final DeserializationContext context)
    {
        return List.of();
    }
}
