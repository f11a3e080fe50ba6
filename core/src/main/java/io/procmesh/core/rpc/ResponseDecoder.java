package io.procmesh.core.rpc;

import io.procmesh.core.message.Envelope;

/**
 * Turns a RESPONSE envelope into the call's result, on the reply reader's thread.
 */
@FunctionalInterface
public interface ResponseDecoder<T>
{
    T decode(Envelope response) throws Exception;
}
