package io.procmesh.launcher.gateway;

import io.procmesh.core.rpc.PayloadWriter;
import net.openhft.chronicle.bytes.Bytes;

/**
 * A call's payload together with the argument values it was written from, in the api method's order: the route's
 * {@link io.procmesh.core.rpc.CallRouting} reads the key among them.
 */
record BoundArguments(Object[] values, PayloadWriter payload) implements PayloadWriter
{
    private static final Object[] NONE = new Object[0];

    @Override
    public void write(final Bytes<?> out) throws Exception
    {
        payload.write(out);
    }

    /**
     * @return the values a payload was bound from; none for a payload without arguments.
     */
    static Object[] valuesOf(final PayloadWriter payload)
    {
        return payload instanceof BoundArguments bound ? bound.values : NONE;
    }
}
