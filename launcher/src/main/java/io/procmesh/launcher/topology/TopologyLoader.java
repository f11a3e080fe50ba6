package io.procmesh.launcher.topology;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a YAML topology file and validates it. Every problem becomes one
 * {@link TopologyException} whose message is {@code file:line:column: what is wrong}.
 */
public final class TopologyLoader
{
    private final ObjectMapper mapper = YAMLMapper.builder(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .build();
    private final ClassLoader classLoader;

    /**
     * @param classLoader the launcher's: children run on its class path, after their service's own classPath.
     */
    public TopologyLoader(final ClassLoader classLoader)
    {
        this.classLoader = classLoader;
    }

    public Topology load(final Path file)
    {
        final Path absolute = file.toAbsolutePath().normalize();
        final String text;
        try
        {
            text = Files.readString(absolute, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            throw new TopologyException(new SourceMark(file.toString(), 0, 0), "no such file", ex);
        }
        catch (final IOException ex)
        {
            throw new TopologyException(new SourceMark(file.toString(), 0, 0), "cannot read: " + ex, ex);
        }
        return parse(file.toString(), absolute, absolute.getParent(), text);
    }

    /**
     * @param file the topology file, absolute, or null for text that has none (tests).
     */
    Topology parse(final String source, final Path file, final Path baseDirectory, final String written)
    {
        final String text = RoutePathBraces.protect(written);
        final TopologyDocument document;
        try (JsonParser parser = mapper.createParser(text))
        {
            // A file of comments only has no token at all: that is "no services", not a syntax error.
            document = parser.nextToken() == null ? null : mapper.readValue(parser, TopologyDocument.class);
        }
        catch (final JacksonException ex)
        {
            // SnakeYAML's syntax errors carry their own, more precise mark in the message.
            final YamlSyntaxError syntax = YamlSyntaxError.parse(ex.getOriginalMessage());
            if (syntax != null)
            {
                throw new TopologyException(new SourceMark(source, syntax.line(), syntax.column()),
                    "invalid YAML: " + syntax.problem(), ex);
            }
            throw new TopologyException(mark(source, location(ex, text)), describe(ex), ex);
        }
        catch (final IOException ex)
        {
            throw new TopologyException(new SourceMark(source, 0, 0), "cannot read: " + ex, ex);
        }
        return new TopologyResolver(source, file, baseDirectory, classLoader).resolve(document);
    }

    private JsonLocation location(final JacksonException ex, final String text)
    {
        if (ex instanceof UnrecognizedPropertyException unknown)
        {
            try
            {
                final JsonLocation key = YamlKeyLocator.locate(mapper, text, fieldNames(unknown));
                if (key != null)
                {
                    return key;
                }
            }
            catch (final IOException locatorFailure)
            {
                ex.addSuppressed(locatorFailure);
            }
        }
        return ex.getLocation();
    }

    private static List<String> fieldNames(final JsonMappingException ex)
    {
        final List<String> names = new ArrayList<>();
        for (final JsonMappingException.Reference reference : ex.getPath())
        {
            if (reference.getFieldName() != null)
            {
                names.add(reference.getFieldName());
            }
        }
        return names;
    }

    private static SourceMark mark(final String source, final JsonLocation location)
    {
        return location == null ?
            new SourceMark(source, 0, 0) : new SourceMark(source, location.getLineNr(), location.getColumnNr());
    }

    private static String describe(final JacksonException ex)
    {
        if (ex instanceof UnrecognizedPropertyException unknown)
        {
            final String where = path(unknown, true);
            return "unknown field '" + unknown.getPropertyName() + "'" + (where.isEmpty() ? "" : " in " + where) +
                " (known fields: " + known(unknown) + ")";
        }
        if (ex instanceof InvalidFormatException invalid)
        {
            return where(invalid) + ": expected " + friendly(invalid.getTargetType()) + ", found '" +
                invalid.getValue() + "'";
        }
        if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null)
        {
            return where(mismatch) + ": expected " + friendly(mismatch.getTargetType());
        }
        return "invalid YAML: " + firstLine(ex.getOriginalMessage());
    }

    private static String path(final JsonMappingException ex, final boolean skipLast)
    {
        final List<String> names = new ArrayList<>();
        for (final JsonMappingException.Reference reference : ex.getPath())
        {
            names.add(reference.getFieldName() != null ?
                reference.getFieldName() : Integer.toString(reference.getIndex()));
        }
        if (skipLast && !names.isEmpty())
        {
            names.remove(names.size() - 1);
        }
        return String.join(".", names);
    }

    private static String where(final JsonMappingException ex)
    {
        final String path = path(ex, false);
        return path.isEmpty() ? "the topology" : path;
    }

    private static String known(final UnrecognizedPropertyException ex)
    {
        final List<String> names = new ArrayList<>();
        if (ex.getKnownPropertyIds() != null)
        {
            for (final Object id : ex.getKnownPropertyIds())
            {
                names.add(String.valueOf(id));
            }
        }
        return String.join(", ", names);
    }

    private static String friendly(final Class<?> type)
    {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class)
        {
            return "a whole number";
        }
        if (type == String.class)
        {
            return "a text value";
        }
        if (List.class.isAssignableFrom(type))
        {
            return "a list";
        }
        return "a mapping of settings";
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "unreadable";
        }
        final String trimmed = message.strip();
        final int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
