package io.procmesh.core.service;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Liveness;
import io.procmesh.core.registry.Registry;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A hot standby's watch over its primary (docs/operations.md, "Hot standby"). It maps the registry, waits until the
 * primary serves (or finds it killed before it was ready to watch: it then takes over at once), writes its own pid
 * into the primary's slot ({@code standbyPid}: callers then wait for the take-over instead of failing their calls),
 * and blocks on the instance's lock file. The kernel wakes it when the primary dies; it then checks, from the slot's
 * pid, that the primary's process is gone, and returns holding the lock. Registration under the instance id, the
 * inbox at its handled mark and UP follow in {@link ServiceMain}, exactly as a restart of the instance would run
 * them.
 */
final class Standby implements AutoCloseable
{
    private static final long WATCH_POLL_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long GONE_POLL_NS = TimeUnit.MICROSECONDS.toNanos(50);
    private final Registry registry;
    private final InstanceLock lock;
    private final String instanceId;
    private final long primaryPid;
    private final long gaveUpWaitingForPidMs;
    private final long wokenNs;
    private boolean registryClosed;

    private Standby(final Registry registry, final InstanceLock lock, final String instanceId, final long primaryPid,
        final long wokenNs, final long waitedMs)
    {
        this.instanceId = instanceId;
        this.wokenNs = wokenNs;
        this.registry = registry;
        this.lock = lock;
        this.primaryPid = primaryPid;
        this.gaveUpWaitingForPidMs = waitedMs;
    }

    /**
     * Blocks until the primary of {@code instanceId} is gone.
     *
     * @param staleMs how long a dead primary's pid may still look alive (not reaped yet) before this goes on.
     */
    static Standby awaitPrimaryDeath(final DataDirectory dirs, final String instanceId, final int maxInstances,
        final long staleMs)
    {
        final Registry registry = Registry.open(dirs.registryFile(), maxInstances);
        try
        {
            final long ownPid = ProcessHandle.current().pid();
            final InstanceSlot slot = awaitServingPrimary(registry, instanceId, ownPid, staleMs);
            slot.standbyPid(ownPid);
            System.out.println("STANDBY " + instanceId + " pid " + ownPid + " watching pid " + slot.pid());
            final InstanceLock lock = InstanceLock.await(dirs.instanceLock(instanceId));
            final long primaryPid = slot.pid();
            final long startNs = System.nanoTime();
            final long deadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(staleMs);
            // The lock goes as the process exits; its pid may outlive it by the moment until it is reaped.
            while (isAlive(primaryPid) && System.nanoTime() - deadlineNs < 0)
            {
                LockSupport.parkNanos(GONE_POLL_NS);
            }
            return new Standby(registry, lock, instanceId, primaryPid, startNs,
                isAlive(primaryPid) ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs) : 0);
        }
        catch (final RuntimeException ex)
        {
            registry.close();
            throw ex;
        }
    }

    private static InstanceSlot awaitServingPrimary(final Registry registry, final String instanceId,
        final long ownPid, final long staleMs)
    {
        final long staleNs = TimeUnit.MILLISECONDS.toNanos(staleMs);
        while (true)
        {
            final InstanceSlot slot = registry.attach(instanceId);
            if (slot != null && slot.pid() > 0 && slot.pid() != ownPid)
            {
                if (isAlive(slot.pid()) ? Liveness.isLive(slot, System.nanoTime(), staleNs) :
                    slot.status() != InstanceStatus.DOWN)
                {
                    // Serving, or killed before this standby was ready to watch it: the lock is free, take over.
                    return slot;
                }
            }
            LockSupport.parkNanos(WATCH_POLL_NS);
            if (Thread.interrupted())
            {
                throw new IllegalStateException("interrupted while waiting for the primary of " + instanceId);
            }
        }
    }

    private static boolean isAlive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Called once this process registered under the instance id: the watch's view of the registry is unmapped.
     * The slot keeps naming this process as the standby until it serves ({@link #serving}): callers meanwhile see
     * an instance whose standby is taking over, and queue their calls in its inbox rather than fail them.
     *
     * @return the line to print about the take-over.
     */
    String registered()
    {
        closeRegistryView();
        return "TAKEOVER " + instanceId + " from pid " + primaryPid + " pid " + ProcessHandle.current().pid() +
            (gaveUpWaitingForPidMs > 0 ? " (its pid still looked alive after " + gaveUpWaitingForPidMs + " ms)" : "");
    }

    /**
     * Called once this process serves the instance (UP): the slot stops naming a standby (the launcher starts the
     * next one, which writes its own pid).
     *
     * @return for the READY line: how long from the kernel waking this standby to now.
     */
    String serving(final InstanceSlot slot)
    {
        if (slot.standbyPid() == ProcessHandle.current().pid())
        {
            slot.standbyPid(0);
        }
        return " (took over " + TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - wokenNs) / 1000.0 +
            " ms after the primary's lock was released)";
    }

    private void closeRegistryView()
    {
        if (!registryClosed)
        {
            registryClosed = true;
            registry.close();
        }
    }

    /**
     * The lock last: it says this process serves the instance until it stops.
     */
    @Override
    public void close() throws java.io.IOException
    {
        closeRegistryView();
        lock.close();
    }
}
