package io.procmesh.benchmarks.harness;

/**
 * Told of each reply a {@link RequestTransport} reads, with the send time the request carried.
 */
@FunctionalInterface
public interface ReplyListener
{
    /**
     * @param intendedSendNs the {@link System#nanoTime()} the request was scheduled for, echoed back in the reply.
     */
    void onReply(long intendedSendNs);
}
