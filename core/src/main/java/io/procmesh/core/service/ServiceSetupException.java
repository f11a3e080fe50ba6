package io.procmesh.core.service;

/**
 * A service cannot start as given (an api that is not an interface, a missing class, no usable constructor): a
 * mistake in the topology or the jar, not a bug, so {@link ServiceMain} prints the message alone and exits 2.
 */
public final class ServiceSetupException extends RuntimeException
{
    public ServiceSetupException(final String message)
    {
        super(message);
    }
}
