package io.procmesh.launcher.topology;

/**
 * A position in a topology file, printed as {@code file:line:column} like a compiler does.
 */
public record SourceMark(String source, int line, int column)
{
    @Override
    public String toString()
    {
        return line > 0 ? source + ":" + line + ":" + column : source;
    }
}
