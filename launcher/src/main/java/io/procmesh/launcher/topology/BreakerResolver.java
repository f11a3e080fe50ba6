package io.procmesh.launcher.topology;

import io.procmesh.core.breaker.BreakerSettings;
import io.procmesh.core.config.Configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks each service's {@code breaker:} and the {@code defaults} block's, and turns them into the system property
 * every child gets: the settings belong to the called service, the callers (any service, the gateway) apply them
 * ({@code procmesh.breaker.<service>}, read by core's {@code CallBreakers}). A service's own keys win over the
 * defaults' key by key; a service with neither gets core's defaults ({@link BreakerSettings#DEFAULT}). An unknown
 * key or a value out of range is an error at its line and column, naming the key.
 */
final class BreakerResolver
{
    private final String source;

    BreakerResolver(final String source)
    {
        this.source = source;
    }

    /**
     * @return the properties for every child, in file order.
     */
    Map<String, String> properties(final List<TopologyDocument.ServiceDeclaration> declarations,
        final Map<String, Located<Object>> defaults)
    {
        final Map<String, String> common = settings("defaults.breaker", defaults, new SourceMark(source, 1, 1));
        final Map<String, String> properties = new LinkedHashMap<>();
        for (final TopologyDocument.ServiceDeclaration declaration : declarations)
        {
            final String service = declaration.name().value();
            final Map<String, String> settings = new LinkedHashMap<>(common);
            settings.putAll(settings("services." + service + ".breaker",
                declaration.entry() == null ? null : declaration.entry().breaker(), declaration.name().mark(source)));
            if (!settings.isEmpty())
            {
                final StringBuilder text = new StringBuilder();
                settings.forEach((key, value) -> text.append(text.length() == 0 ? "" : ",").append(key).append('=')
                    .append(value));
                properties.put(Configuration.BREAKER_PROP_PREFIX + service,
                    BreakerSettings.parse(service, text.toString()).toText());
            }
        }
        return properties;
    }

    /**
     * @param named where a key written with no value is reported: it has no position of its own.
     */
    private Map<String, String> settings(final String path, final Map<String, Located<Object>> entries,
        final SourceMark named)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        if (entries == null)
        {
            return settings;
        }
        for (final Map.Entry<String, Located<Object>> entry : entries.entrySet())
        {
            final String key = path + "." + entry.getKey();
            final Located<Object> value = entry.getValue();
            if (value == null || value.value() == null || value.value() instanceof Map ||
                value.value() instanceof Iterable)
            {
                throw new TopologyException(value == null ? named : value.mark(source),
                    key + " must be a number (or true/false for enabled)");
            }
            final String text = String.valueOf(value.value()).trim();
            try
            {
                // One key at a time, so that the error points at the value at fault.
                BreakerSettings.parse(key, entry.getKey() + "=" + text);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new TopologyException(value.mark(source), ex.getMessage().replace(key + ": " + entry.getKey(),
                    key));
            }
            settings.put(entry.getKey(), text);
        }
        return settings;
    }
}
