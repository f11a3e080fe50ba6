package io.procmesh.core.agent;

import io.procmesh.core.config.Configuration;
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
    static final long MIN_PARK_US = 1;

    private final Pauser pauser;

    /**
     * Spins, yields and park ceiling from {@link Configuration}: fewer spins and yields save CPU on a busy small
     * host at the price of wake-up latency.
     */
    public BackoffIdleStrategy()
    {
        this(Configuration.idleSpins(), Configuration.idleYields(), Configuration.idleMaxParkUs());
    }

    public BackoffIdleStrategy(final int spins, final int yields, final long maxParkUs)
    {
        if (spins < 0 || yields < 0 || maxParkUs < MIN_PARK_US)
        {
            throw new IllegalArgumentException("backoff idle strategy needs spins >= 0, yields >= 0 and " +
                Configuration.IDLE_MAX_PARK_US_PROP_NAME + " >= " + MIN_PARK_US + ": " + spins + ", " + yields +
                ", " + maxParkUs);
        }
        this.pauser = new LongPauser(spins, yields, MIN_PARK_US, maxParkUs, TimeUnit.MICROSECONDS);
    }

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
