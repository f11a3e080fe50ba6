package io.procmesh.core.rpc;

import net.openhft.chronicle.bytes.Bytes;

/**
 * Writes a request payload straight into the outgoing envelope's buffer.
 */
@FunctionalInterface
public interface PayloadWriter
{
    void write(Bytes<?> payload) throws Exception;
}
