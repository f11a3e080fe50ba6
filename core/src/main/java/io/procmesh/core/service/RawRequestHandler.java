package io.procmesh.core.service;

import io.procmesh.core.message.Envelope;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Serves every request of a service from its raw bytes, for callers that need no object mapping (see
 * {@link io.procmesh.core.rpc.ReusableCall}). Runs on the read loop; must not keep references to its arguments.
 */
@FunctionalInterface
public interface RawRequestHandler
{
    /**
     * @param request      the request; its payload is positioned at the start of the caller's bytes.
     * @param replyPayload where to write the reply's bytes; sent as a RAW RESPONSE when this returns.
     */
    void onRequest(Envelope request, Bytes<?> replyPayload) throws Exception;
}
