package io.procmesh.core.registry;

import java.util.List;

/**
 * The part of the {@link Registry} that readers of the whole registry use (a caller's directory, the gateway's
 * view): the generation, the removal count, a scan, and binding one slot. A seam, so tests can inject a failing
 * scan or attach.
 */
public interface RegistryReader
{
    long generation();

    /**
     * @return {@link Registry#removals()}; by default the generation, which moves at least as often (a reader
     * that rebinds on it rebinds more than needed, never less).
     */
    default long removals()
    {
        return generation();
    }

    List<InstanceSnapshot> snapshot();

    InstanceSlot attach(String instanceId);

    static RegistryReader of(final Registry registry)
    {
        return new RegistryReader()
        {
            @Override
            public long generation()
            {
                return registry.generation();
            }

            @Override
            public long removals()
            {
                return registry.removals();
            }

            @Override
            public List<InstanceSnapshot> snapshot()
            {
                return registry.snapshot();
            }

            @Override
            public InstanceSlot attach(final String instanceId)
            {
                return registry.attach(instanceId);
            }
        };
    }
}
