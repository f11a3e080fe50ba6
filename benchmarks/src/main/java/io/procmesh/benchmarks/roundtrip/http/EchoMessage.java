package io.procmesh.benchmarks.roundtrip.http;

/**
 * The HTTP baseline's JSON body: the send stamp and a filler string.
 */
public record EchoMessage(long t, String p)
{
}
