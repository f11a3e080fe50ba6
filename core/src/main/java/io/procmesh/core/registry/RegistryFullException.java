package io.procmesh.core.registry;

/**
 * The registry file has no room for another instance. Raise {@code procmesh.registryMaxInstances} and recreate it.
 */
public final class RegistryFullException extends RuntimeException
{
    public RegistryFullException(final String instanceId, final int maxInstances, final Throwable cause)
    {
        super("registry is full: cannot register '" + instanceId + "' (capacity " + maxInstances +
            " instances; raise procmesh.registryMaxInstances and recreate registry.cm)", cause);
    }
}
