package io.procmesh.core.registry;

import java.util.Objects;

/**
 * What an instance says about itself when it registers.
 */
public record Registration(
    String service,
    String instanceId,
    String version,
    long pid,
    String inboxPath,
    String metadata)
{
    public Registration
    {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(instanceId, "instanceId");
        version = version == null ? "" : version;
        inboxPath = inboxPath == null ? "" : inboxPath;
        metadata = metadata == null ? "" : metadata;
    }
}
