package io.procmesh.core.rpc;

import io.procmesh.core.channel.OutboundChannel;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.Liveness;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A discovered instance of a service: its slot, read lock-free for status and load, and its inbox, opened on first
 * use. It also counts this caller's calls to it still in flight, written only by this process, for
 * least-outstanding balancing and for finding the calls to fail when it dies ({@link DeadInstanceSweeper}).
 */
final class RemoteInstance implements AutoCloseable
{
    private static final long NO_PID = Long.MIN_VALUE;

    private final String service;
    private final String instanceId;
    private final long idHash;
    private final Path inbox;
    /**
     * Bound again by the directory after a registry removal: the entry may have been removed and registered anew
     * at another address.
     */
    private volatile InstanceSlot slot;
    private final EnvelopeCodec codec;
    private final AtomicInteger callsInFlight = new AtomicInteger();
    private volatile long deadPid = NO_PID;
    private volatile OutboundChannel channel;
    /**
     * The partition the instance serves, from its registry metadata; 0 if it serves none.
     */
    private volatile int partition;
    /**
     * The pid of the registration whose metadata named {@link #partition}: an id registered anew by another process
     * (a rollout's new instance reusing a drained id, or a standby taking over) may serve another partition, and
     * until the directory reads its metadata again its slot's pid differs from this one.
     */
    private volatile long partitionPid;

    RemoteInstance(
        final String service,
        final String instanceId,
        final Path inbox,
        final InstanceSlot slot,
        final EnvelopeCodec codec)
    {
        this.service = service;
        this.instanceId = instanceId;
        this.idHash = KeyAffinity.hashText(instanceId);
        this.inbox = inbox;
        this.slot = slot;
        this.codec = codec;
    }

    String service()
    {
        return service;
    }

    String instanceId()
    {
        return instanceId;
    }

    Path inbox()
    {
        return inbox;
    }

    int partition()
    {
        return partition;
    }

    /**
     * @param pid the pid of the registration whose metadata names the partition.
     * @return this instance, told the partition its metadata names ({@link PartitionMetadata}).
     */
    RemoteInstance serving(final int partition, final long pid)
    {
        this.partition = partition;
        this.partitionPid = pid;
        return this;
    }

    /**
     * @return whether the process now registered under this id is the one whose metadata named {@link #partition}:
     * if not, the partition is not known until the directory reads the entry again.
     */
    boolean servesKnownPartition()
    {
        return slot.pid() == partitionPid;
    }

    long partitionPid()
    {
        return partitionPid;
    }

    void rebind(final InstanceSlot slot)
    {
        this.slot = slot;
    }

    /**
     * @return the instance id's hash, for rendezvous hashing: the same in every caller.
     */
    long idHash()
    {
        return idHash;
    }

    InstanceSlot slot()
    {
        return slot;
    }

    /**
     * UP, heard from recently, and not found dead: a killed instance keeps saying UP in its slot and its heartbeat
     * stays fresh for up to {@code procmesh.instanceStaleMs}; the sweeper finds its pid gone within milliseconds.
     * A restart of the instance id registers a new pid, which clears the mark.
     */
    boolean isUp(final long nowNs, final long staleNs)
    {
        return Liveness.isLive(slot, nowNs, staleNs) && slot.pid() != deadPid;
    }

    void markDead(final long pid)
    {
        deadPid = pid;
    }

    boolean isMarkedDead()
    {
        return slot.pid() == deadPid;
    }

    /**
     * @return the load least-outstanding compares: requests the instance took and has not answered, plus those
     * waiting in its inbox (both published by the instance itself), plus this caller's calls to it not yet answered
     * (which may count some of those again: the same for every instance, and seen before the instance reads them).
     */
    long outstanding()
    {
        return slot.outstanding() + slot.inboxBacklog() + callsInFlight.get();
    }

    int callsInFlight()
    {
        return callsInFlight.get();
    }

    void callStarted()
    {
        callsInFlight.incrementAndGet();
    }

    void callEnded()
    {
        callsInFlight.decrementAndGet();
    }

    OutboundChannel channel()
    {
        OutboundChannel current = channel;
        if (current == null)
        {
            synchronized (this)
            {
                current = channel;
                if (current == null)
                {
                    current = new OutboundChannel(inbox, codec);
                    channel = current;
                }
            }
        }
        return current;
    }

    @Override
    public synchronized void close()
    {
        if (channel != null)
        {
            channel.close();
            channel = null;
        }
    }
}
