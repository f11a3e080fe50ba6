package io.procmesh.launcher.gateway;

import io.procmesh.core.rpc.PayloadWriter;

/**
 * Turns a request body into the call's argument, or rejects it with a {@link GatewayException} (400).
 */
@FunctionalInterface
interface ArgumentDecoder
{
    PayloadWriter decode(byte[] body);
}
