package io.procmesh.launcher.supervisor;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.registry.InstanceMetadata;
import io.procmesh.core.rpc.PartitionMetadata;
import io.procmesh.launcher.topology.ServiceDefinition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The system properties that tell an instance of a partitioned service which partition it serves: its own
 * ({@code procmesh.partition}, {@code procmesh.partitions}, for its stores and {@code ServiceContext.partition()}),
 * and its registry metadata with {@code partition=<k>} added, which callers read to route a key's calls to it.
 */
final class PartitionProperties
{
    private PartitionProperties()
    {
    }

    /**
     * @param partition the partition the instance serves, 0 for none.
     * @return the properties over the service's own; none for an instance that serves no partition.
     */
    static Map<String, String> of(final ServiceDefinition service, final int partition)
    {
        if (partition == 0)
        {
            return Map.of();
        }
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put(Configuration.PARTITION_PROP_NAME, String.valueOf(partition));
        properties.put(Configuration.PARTITION_COUNT_PROP_NAME, String.valueOf(service.partitions()));
        final Map<String, String> metadata = new TreeMap<>(InstanceMetadata.decode(
            service.properties().getOrDefault(Configuration.METADATA_PROP_NAME, "")));
        metadata.put(PartitionMetadata.KEY, String.valueOf(partition));
        properties.put(Configuration.METADATA_PROP_NAME, InstanceMetadata.encode(metadata));
        return properties;
    }
}
