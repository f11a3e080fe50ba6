package io.procmesh.benchmarks.roundtrip.procmesh;

/**
 * Returns its argument: whatever the round trip costs is procmesh's.
 */
public final class EchoService implements EchoApi
{
    @Override
    public String echo(final String text)
    {
        return text;
    }
}
