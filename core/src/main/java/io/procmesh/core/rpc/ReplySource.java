package io.procmesh.core.rpc;

import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.channel.InboundListener;

/**
 * Where the client reads its replies from; a seam so tests can inject a failing read.
 */
interface ReplySource extends AutoCloseable
{
    /**
     * @return 1 if a document was read, 0 if there was nothing new.
     */
    int poll(InboundListener listener);

    @Override
    void close();

    static ReplySource of(final InboundChannel channel)
    {
        return new ReplySource()
        {
            @Override
            public int poll(final InboundListener listener)
            {
                return channel.poll(listener);
            }

            @Override
            public void close()
            {
                channel.close();
            }
        };
    }
}
