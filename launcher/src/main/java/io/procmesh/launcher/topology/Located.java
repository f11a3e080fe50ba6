package io.procmesh.launcher.topology;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * A value read from the topology together with where it was written, so validation errors can point at the line.
 *
 * @param line   1-based line of the value's first token.
 * @param column 1-based column of the value's first token.
 */
@JsonDeserialize(using = LocatedDeserializer.class)
public record Located<T>(T value, int line, int column)
{
    public SourceMark mark(final String source)
    {
        return new SourceMark(source, line, column);
    }
}
