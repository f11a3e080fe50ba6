package io.procmesh.launcher;

/**
 * A failure the operator must act on, with its exit code. The message is one readable line, printed as it is.
 */
public final class LauncherException extends RuntimeException
{
    private final int exitCode;

    public LauncherException(final int exitCode, final String message)
    {
        super(message);
        this.exitCode = exitCode;
    }

    public LauncherException(final int exitCode, final String message, final Throwable cause)
    {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode()
    {
        return exitCode;
    }
}
