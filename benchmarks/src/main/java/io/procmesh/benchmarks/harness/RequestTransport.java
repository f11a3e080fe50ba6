package io.procmesh.benchmarks.harness;

/**
 * The requesting side of one subject (raw queue, procmesh, HTTP ...), driven by a {@link LoadGenerator} on one
 * thread. A request carries its intended send time and the reply echoes it, so no per-call state is kept and
 * several calls can be in flight without allocating.
 */
public interface RequestTransport extends AutoCloseable
{
    /**
     * @return how many calls this transport can have in flight at once; a blocking one has one.
     */
    default int maxInFlight()
    {
        return Integer.MAX_VALUE;
    }

    /**
     * Called once before each run.
     */
    void prepare(int payloadBytes);

    /**
     * Sends one request stamped with its intended send time. A blocking transport may wait for the reply here and
     * hand it over on the next {@link #poll}.
     */
    void send(long intendedSendNs) throws Exception;

    /**
     * Reads what replies have arrived, telling the listener of each.
     *
     * @return how many replies (or other work) were handled; zero when there was nothing.
     */
    int poll(ReplyListener listener) throws Exception;

    @Override
    void close();
}
