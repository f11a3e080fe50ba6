package io.procmesh.launcher.state;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The partition count of each partitioned service, recorded in its state directory ({@code state/<service>/
 * partitions}) on its first start and checked on every later one. A key's partition depends on the count, so the
 * same data under another count would have most keys routed away from the partition holding them: such an {@code up}
 * is refused with one line, as is a partitioned topology over a service's unpartitioned stores and the reverse.
 */
public final class PartitionCounts
{
    private PartitionCounts()
    {
    }

    /**
     * @param partitions each service's {@code partitions:}, 0 for an unpartitioned one.
     * @throws LauncherException {@link ExitCodes#USAGE}, naming the service, the counts and the way out.
     */
    public static void checkAndRecord(final DataDirectory dataDirectory, final Map<String, Integer> partitions)
    {
        for (final Map.Entry<String, Integer> service : partitions.entrySet())
        {
            final String name = service.getKey();
            final int count = service.getValue();
            final Path file = dataDirectory.partitionCountFile(name);
            try
            {
                final Integer recorded = Files.exists(file) ? recorded(file) : null;
                if (recorded != null && recorded != count)
                {
                    throw refused(dataDirectory, name, count == 0 ? "no partitions" : "partitions: " + count,
                        "partitions: " + recorded);
                }
                if (recorded == null && count > 0)
                {
                    if (hasStores(dataDirectory.state(name)))
                    {
                        throw refused(dataDirectory, name, "partitions: " + count, "unpartitioned stores");
                    }
                    Files.createDirectories(file.getParent());
                    AtomicFile.write(file, (count + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                }
            }
            catch (final IOException ex)
            {
                throw new LauncherException(ExitCodes.FAILURE, "cannot record the partition count of service '" +
                    name + "' in " + file + ": " + ex.getMessage(), ex);
            }
        }
    }

    private static Integer recorded(final Path file) throws IOException
    {
        final String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IOException("not a partition count: '" + text + "'", ex);
        }
    }

    private static boolean hasStores(final Path state) throws IOException
    {
        if (!Files.isDirectory(state))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(state))
        {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".cm"));
        }
    }

    private static LauncherException refused(final DataDirectory dataDirectory, final String service,
        final String topology, final String data)
    {
        return new LauncherException(ExitCodes.USAGE, "service '" + service + "' has " + topology +
            " in the topology but its data in " + dataDirectory.state(service) + " was written with " + data +
            ": keys would be routed away from their data; use a new data directory, or export and import the " +
            "data (docs/operations.md, \"State when a service has replicas\")");
    }
}
