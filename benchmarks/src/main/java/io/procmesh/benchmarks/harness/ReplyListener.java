package io.procmesh.benchmarks.harness;

/**
 * Told of each reply a {@link RequestTransport} reads, with the send time the request carried.
 */
public interface ReplyListener
{
    /**
     * @param intendedSendNs the {@link System#nanoTime()} the request was scheduled for, echoed back in the reply.
     */
    void onReply(long intendedSendNs);

    /**
     * A request that ended without a reply (its deadline passed): it is counted as lost, not as a latency.
     */
    void onLost();
}
