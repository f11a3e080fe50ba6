package io.procmesh.core.rpc;

import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.Registry;

import java.util.List;

/**
 * The part of the {@link Registry} the directory reads; a seam so tests can inject a failing scan or attach.
 */
interface RegistryReader
{
    long generation();

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
