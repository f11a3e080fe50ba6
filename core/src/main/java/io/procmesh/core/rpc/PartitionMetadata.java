package io.procmesh.core.rpc;

import io.procmesh.core.registry.InstanceMetadata;
import io.procmesh.core.registry.InstanceSnapshot;

/**
 * The partition an instance serves, as its registry entry says it: the metadata key {@value #KEY}, which the
 * launcher adds for each instance of a partitioned service. Read when a caller attaches to the instance, never per
 * call. It comes from the instance's metadata, not its id, because a rollout serves a partition from an instance
 * with a new id beside the old one.
 */
public final class PartitionMetadata
{
    public static final String KEY = "partition";

    private PartitionMetadata()
    {
    }

    /**
     * @return the partition the entry names, or 0 when it names none (an unpartitioned service's instance).
     */
    static int of(final InstanceSnapshot snapshot)
    {
        final String value = InstanceMetadata.decode(snapshot.metadata()).get(KEY);
        if (value == null)
        {
            return 0;
        }
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            // Not a partition number (a topology's own metadata may use the name): it serves no partition.
            return 0;
        }
    }
}
