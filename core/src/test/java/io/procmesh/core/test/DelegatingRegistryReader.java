package io.procmesh.core.test;

import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.RegistryReader;

import java.util.List;

/**
 * A {@link RegistryReader} that passes every call to a real one: tests override the call they inject a fault into
 * (a scan that stalls or throws, an attach that fails), here in one place rather than in each test.
 */
public class DelegatingRegistryReader implements RegistryReader
{
    private final RegistryReader real;

    public DelegatingRegistryReader(final RegistryReader real)
    {
        this.real = real;
    }

    @Override
    public long generation()
    {
        return real.generation();
    }

    @Override
    public List<InstanceSnapshot> snapshot()
    {
        return real.snapshot();
    }

    @Override
    public InstanceSlot attach(final String instanceId)
    {
        return real.attach(instanceId);
    }
}
