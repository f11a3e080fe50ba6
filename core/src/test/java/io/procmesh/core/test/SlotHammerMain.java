package io.procmesh.core.test;

import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;

import java.nio.file.Path;

/**
 * Child JVM main: registers, then updates its heartbeat and counters as fast as it can until killed.
 * Args: registryFile instanceId.
 */
public final class SlotHammerMain
{
    public static void main(final String[] args)
    {
        final Registry registry = Registry.open(Path.of(args[0]), 64);
        final InstanceSlot slot = registry.register(
            new Registration("hammer", args[1], "1", ProcessHandle.current().pid(), "", ""));
        System.out.println("READY " + args[1]);
        while (true)
        {
            slot.heartbeat(System.nanoTime());
            slot.incrementRequestsIn();
            slot.incrementRequestsOut();
            slot.incrementErrors();
        }
    }
}
