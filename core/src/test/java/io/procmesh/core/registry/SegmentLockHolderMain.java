package io.procmesh.core.registry;

import net.openhft.chronicle.map.ExternalMapQueryContext;

import java.nio.file.Path;

/**
 * Child JVM main: takes the read or write lock of one registry entry's segment, as a scan or a registration
 * would, and holds it until killed, or for holdMs if given, then releases it (printing RELEASED) and waits to be
 * killed. Args: registryFile instanceId [read|write] [holdMs], write by default.
 */
public final class SegmentLockHolderMain
{
    public static void main(final String[] args) throws Exception
    {
        final Registry registry = Registry.open(Path.of(args[0]), 64);
        final long holdMs = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
        try (ExternalMapQueryContext<CharSequence, InstanceRecord, ?> context = registry.map().queryContext(args[1]))
        {
            if (args.length > 2 && "read".equals(args[2]))
            {
                context.readLock().lock();
            }
            else
            {
                context.writeLock().lock();
            }
            System.out.println("LOCKED " + args[1]);
            Thread.sleep(holdMs);
        }
        System.out.println("RELEASED " + args[1]);
        Thread.sleep(Long.MAX_VALUE);
    }
}
