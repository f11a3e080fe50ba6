package io.procmesh.core.agent;

import net.openhft.chronicle.threads.LongPauser;
import net.openhft.chronicle.threads.Pauser;

import java.util.concurrent.TimeUnit;

/**
 * The default: spin briefly, then yield, then park for a growing time up to a ceiling.
 * <p>
 * On a 2-core machine two spinning JVMs starve each other (ping-pong p99.9 went from under 1 us to 8 ms),
 * so the default must give the core back when idle.
 */
public final class BackoffIdleStrategy implements IdleStrategy
{
    public static final String NAME = "backoff";
    static final int SPINS = 2_000;
    static final int YIELDS = 200;
    static final long MIN_PARK_US = 1;
    static final long MAX_PARK_US = 1_000;

    private final Pauser pauser = new LongPauser(SPINS, YIELDS, MIN_PARK_US, MAX_PARK_US, TimeUnit.MICROSECONDS);

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            pauser.reset();
        }
        else
        {
            pauser.pause();
        }
    }

    @Override
    public void reset()
    {
        pauser.reset();
    }

    @Override
    public String name()
    {
        return NAME;
    }
}
