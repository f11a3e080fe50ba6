package io.procmesh.core.registry;

import io.procmesh.core.config.BootId;

/**
 * Whether a registry entry's holder is a live process, for refusing a second process on an instance id: the
 * {@link Liveness} rule's heartbeat freshness, plus the pid alive.
 */
final class InstanceLiveness
{
    /**
     * Half of Long.MIN_VALUE: {@code nanoTime() - this} stays positive and about 146 years.
     */
    static final long OTHER_BOOT_HEARTBEAT_NS = Long.MIN_VALUE / 2;

    private InstanceLiveness()
    {
    }

    /**
     * @return whether the entry is held by a process other than {@code ownPid} that is alive, not DOWN, and has
     * heartbeated within {@code staleNs}. A pid that exists but stopped heartbeating (SIGSTOPped, or a reused pid)
     * is not live, so a replacement is never blocked past the staleness limit.
     */
    static boolean isHeldByAnotherLiveProcess(final InstanceRecord record, final long ownPid, final long staleNs)
    {
        final long pid = record.getPid();
        if (pid <= 0 || pid == ownPid || InstanceStatus.fromCode(record.getVolatileStatus()) == InstanceStatus.DOWN)
        {
            return false;
        }
        final long nowNs = System.nanoTime();
        if (!Liveness.isFresh(heartbeatNs(record), nowNs, staleNs))
        {
            return false;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * @return whether the entry's process is gone for good, so that its entry may be removed: its last heartbeat
     * is older than {@code graceNs} (or it never beat), and its pid is not a running process or the entry was
     * written in another boot. A live process is never gone, however stale (SIGSTOPped, or wedged): removing its
     * entry would free memory its own slot still writes.
     */
    static boolean isGoneForGood(final InstanceRecord record, final long nowNs, final long graceNs)
    {
        return isGoneForGood(record.getPid(), heartbeatNs(record), nowNs, graceNs);
    }

    /**
     * @param heartbeatNs as {@link #heartbeatNs} reads it: {@link #OTHER_BOOT_HEARTBEAT_NS} for another boot.
     */
    static boolean isGoneForGood(final long pid, final long heartbeatNs, final long nowNs, final long graceNs)
    {
        if (heartbeatNs != 0 && nowNs - heartbeatNs <= graceNs)
        {
            return false;
        }
        if (heartbeatNs == OTHER_BOOT_HEARTBEAT_NS)
        {
            return true;
        }
        return pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The heartbeat as this boot's clock sees it: one taken in an earlier boot reads as older than any staleness
     * limit, so every age check (directory, launcher, gateway) finds the instance stale, without overflow.
     */
    static long heartbeatNs(final InstanceRecord record)
    {
        return BootId.isOtherBoot(record.getBootId()) ? OTHER_BOOT_HEARTBEAT_NS : record.getVolatileHeartbeatNs();
    }

    /**
     * @return whether {@code pid} is set, is not {@code ownPid}, and is a running process.
     */
    static boolean isOtherLiveProcess(final long pid, final long ownPid)
    {
        return pid > 0 && pid != ownPid && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an instance id's holder", ex);
        }
    }
}
