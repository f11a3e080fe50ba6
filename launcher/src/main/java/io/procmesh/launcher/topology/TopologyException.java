package io.procmesh.launcher.topology;

/**
 * A topology that cannot be used. The message is one line, {@code file:line:column: what is wrong}, ready to
 * print as it is.
 */
public final class TopologyException extends RuntimeException
{
    public TopologyException(final SourceMark mark, final String problem)
    {
        super(mark + ": " + problem);
    }

    public TopologyException(final SourceMark mark, final String problem, final Throwable cause)
    {
        super(mark + ": " + problem, cause);
    }
}
