package io.procmesh.core.config;

import java.nio.file.Path;

/**
 * The layout of a procmesh data directory. Every process that shares a directory shares the registry and queues.
 * <pre>
 * registry.cm                   registry and slots, shared by every process
 * queues/&lt;service&gt;/&lt;instance&gt;/  inbox of one instance
 * replies/&lt;instance&gt;/            replies for one caller instance
 * topics/&lt;topic&gt;/                pub/sub
 * state/&lt;service&gt;/              a service's own persisted store
 * logs/&lt;instance&gt;.log            stdout and stderr of a child JVM
 * </pre>
 */
public final class DataDirectory
{
    private final Path root;

    public DataDirectory(final Path root)
    {
        this.root = root.toAbsolutePath().normalize();
    }

    public static DataDirectory fromConfiguration()
    {
        return new DataDirectory(Path.of(Configuration.dataDir()));
    }

    public Path root()
    {
        return root;
    }

    public Path registryFile()
    {
        return root.resolve("registry.cm");
    }

    public Path inbox(final String service, final String instanceId)
    {
        return root.resolve("queues").resolve(Names.requireValid("service", service))
            .resolve(Names.requireValid("instance", instanceId));
    }

    public Path replies(final String instanceId)
    {
        return root.resolve("replies").resolve(Names.requireValid("instance", instanceId));
    }

    public Path topic(final String topic)
    {
        return root.resolve("topics").resolve(Names.requireValid("topic", topic));
    }

    public Path state(final String service)
    {
        return root.resolve("state").resolve(Names.requireValid("service", service));
    }

    public Path logs()
    {
        return root.resolve("logs");
    }

    public Path log(final String instanceId)
    {
        return logs().resolve(Names.requireValid("instance", instanceId) + ".log");
    }

    @Override
    public String toString()
    {
        return root.toString();
    }
}
