package io.procmesh.core.config;

/**
 * This JVM was started without the flags procmesh-core needs ({@link JvmFlags#requirePresent()}): a setup error
 * with a one-line fix, not a bug, so mains print its message alone.
 */
public final class MissingJvmFlagsException extends IllegalStateException
{
    public MissingJvmFlagsException(final String message)
    {
        super(message);
    }
}
