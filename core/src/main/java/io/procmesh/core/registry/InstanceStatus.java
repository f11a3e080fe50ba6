package io.procmesh.core.registry;

/**
 * The lifecycle an instance reports about itself in the registry.
 */
public enum InstanceStatus
{
    UNKNOWN,
    STARTING,
    UP,
    DRAINING,
    DOWN;

    private static final InstanceStatus[] VALUES = values();

    public int code()
    {
        return ordinal();
    }

    public static InstanceStatus fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : UNKNOWN;
    }
}
