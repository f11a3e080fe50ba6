package io.procmesh.launcher.status;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.breaker.BreakerSnapshot;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.Registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Writes {@link StatusSnapshot}s from the launcher's supervising thread, at most every {@code intervalMs}. Slots are
 * read without a lock; the registry is scanned (segment locks) only to learn its members, when its generation
 * moved, and only after a short probe finds no lock left taken, so a wedged map never stalls supervision here.
 * A registry the supervisor recovered is a new object: every slot is dropped and bound again.
 */
public final class StatusPublisher
{
    private static final long PROBE_MS = 20;

    private final Supplier<Registry> registries;
    private final BreakerTable breakers;
    private final StatusSnapshotFile file;
    private final long intervalNs;
    private final ErrorHandler errorHandler;
    private final long pid = ProcessHandle.current().pid();
    private final List<InstanceSlot> slots = new ArrayList<>();
    private Registry boundTo;
    private long boundGeneration;
    private long nextNs;
    private boolean attempted;

    public StatusPublisher(
        final Supplier<Registry> registries,
        final BreakerTable breakers,
        final StatusSnapshotFile file,
        final long intervalMs,
        final ErrorHandler errorHandler)
    {
        this.registries = registries;
        this.breakers = breakers;
        this.file = file;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.errorHandler = errorHandler;
    }

    /**
     * @return 1 if a snapshot was written, else 0.
     */
    public int publishIfDue(final long nowNs)
    {
        // Also while unbound: a wedged registry fails the probe, and probing it on every supervision cycle would cost
        // the supervisor up to PROBE_MS each time.
        if (attempted && nowNs - nextNs < 0)
        {
            return 0;
        }
        attempted = true;
        nextNs = nowNs + intervalNs;
        final Registry registry = registries.get();
        if (registry == null)
        {
            return 0;
        }
        try
        {
            if (registry != boundTo || registry.generation() != boundGeneration)
            {
                if (!bind(registry))
                {
                    return 0;
                }
            }
            final List<InstanceSnapshot> members = new ArrayList<>(slots.size());
            for (final InstanceSlot slot : slots)
            {
                members.add(slot.snapshot());
            }
            final long readNs = System.nanoTime();
            final List<BreakerSnapshot> breakerStates = breakers.snapshot(readNs);
            file.write(new StatusSnapshot(pid, System.currentTimeMillis(), readNs, members, breakerStates));
            return 1;
        }
        catch (final IOException | RuntimeException ex)
        {
            boundTo = null;
            slots.clear();
            errorHandler.onError(ex);
            return 0;
        }
    }

    private boolean bind(final Registry registry)
    {
        slots.clear();
        boundTo = null;
        if (!registry.isResponsive(PROBE_MS))
        {
            return false;
        }
        final long generation = registry.generation();
        for (final InstanceSnapshot member : registry.snapshot())
        {
            final InstanceSlot slot = registry.attach(member.instanceId());
            if (slot != null)
            {
                slots.add(slot);
            }
        }
        boundTo = registry;
        boundGeneration = generation;
        return true;
    }
}
