package io.procmesh.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The layout of a procmesh data directory. Every process that shares a directory shares the registry and queues.
 * <pre>
 * registry.cm                   registry and slots, shared by every process
 * queues/&lt;service&gt;/&lt;instance&gt;/  inbox of one instance; handled.mark in it is the last handled index
 * replies/&lt;instance&gt;/            replies for one caller instance
 * topics/&lt;topic&gt;/                pub/sub
 * state/&lt;service&gt;/              a service's own persisted store
 * state/&lt;service&gt;/partition-&lt;k&gt;/  the stores of partition k of a partitioned service; its count in
 *                                 state/&lt;service&gt;/partitions
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

    /**
     * Refuses to go on when the file system that holds (or will hold) the directory has less usable space than
     * asked, with a message that names the directory, the space and the property that sets the minimum.
     *
     * @param minFreeMb the minimum in MiB; 0 or less checks nothing.
     */
    public void requireFreeSpace(final long minFreeMb)
    {
        if (minFreeMb <= 0)
        {
            return;
        }
        Path existing = root;
        while (existing != null && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        if (existing == null)
        {
            return;
        }
        final long usableMb;
        try
        {
            usableMb = Files.getFileStore(existing).getUsableSpace() / (1024 * 1024);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the free space of data directory " + root + ": " +
                ex.getMessage(), ex);
        }
        if (usableMb < minFreeMb)
        {
            throw new IllegalStateException("data directory " + root + " has " + usableMb + " MiB free; procmesh " +
                "needs at least " + minFreeMb + " MiB there (" + Configuration.MIN_FREE_DISK_MB_PROP_NAME + ")");
        }
    }

    public Path registryFile()
    {
        return root.resolve("registry.cm");
    }

    /**
     * The circuit breakers every process shares ({@code core.breaker.BreakerTable}), beside the registry.
     */
    public Path breakerTable()
    {
        return root.resolve("registry.breakers");
    }

    public Path inbox(final String service, final String instanceId)
    {
        return root.resolve("queues").resolve(Names.requireValid("service", service))
            .resolve(Names.requireValid("instance", instanceId));
    }

    /**
     * The file whose fcntl lock the instance's serving process holds for its life; its hot standby waits on it.
     */
    public Path instanceLock(final String instanceId)
    {
        return root.resolve("locks").resolve(Names.requireValid("instance", instanceId) + ".lock");
    }

    /**
     * The scratch data directory a hot standby rehearses its service's start in, deleted after.
     */
    public Path standbyRehearsal(final String instanceId)
    {
        return root.resolve("standby-rehearsal").resolve(Names.requireValid("instance", instanceId));
    }

    /**
     * The scratch queue an instance writes one reply to before it says UP, deleted after.
     */
    public Path replyWarmUp(final String instanceId)
    {
        return root.resolve("warm-up").resolve(Names.requireValid("instance", instanceId));
    }

    public Path replies(final String instanceId)
    {
        return root.resolve("replies").resolve(Names.requireValid("instance", instanceId));
    }

    /**
     * Deletes a caller's reply queue directory, e.g. of a per-process id that no process will use again.
     */
    public void deleteReplies(final String instanceId) throws IOException
    {
        deleteTree(replies(instanceId));
    }

    /**
     * Deletes a directory and everything in it, if it exists.
     */
    public static void deleteTree(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }

    public Path topic(final String topic)
    {
        return root.resolve("topics").resolve(Names.requireValid("topic", topic));
    }

    public Path state(final String service)
    {
        return root.resolve("state").resolve(Names.requireValid("service", service));
    }

    /**
     * @param partition 1-based, as {@code procmesh.partition}.
     * @return where the stores of one partition of a partitioned service live: {@code state/<service>/partition-<k>}.
     */
    public Path partitionState(final String service, final int partition)
    {
        return state(service).resolve("partition-" + partition);
    }

    /**
     * @return the file recording a partitioned service's partition count, written on its first start.
     */
    public Path partitionCountFile(final String service)
    {
        return state(service).resolve("partitions");
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
