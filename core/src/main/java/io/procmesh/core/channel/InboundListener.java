package io.procmesh.core.channel;

import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;

/**
 * Receives what an {@link InboundChannel} reads. The envelope is reused: copy what must outlive the call.
 */
public interface InboundListener
{
    void onEnvelope(Envelope envelope, long index);

    void onDecodeError(DecodeResult result, long index);
}
