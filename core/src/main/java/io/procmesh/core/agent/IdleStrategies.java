package io.procmesh.core.agent;

import io.procmesh.core.config.Configuration;

import java.util.function.Supplier;

/**
 * Idle strategies by the names used in configuration ({@code procmesh.idleStrategy}).
 */
public final class IdleStrategies
{
    /**
     * Backoff without the spin and yield phases: parks at once, 1 us doubling up to {@code procmesh.idleMaxParkUs}.
     * For a reader that shares 2 cores with busier threads of its own process, e.g. the gateway's reply reader
     * beside Jetty's: its spinning took the CPU that HTTP needed (gateway throughput 24k to 34k req/s without it).
     */
    public static final String PARK = "park";

    private IdleStrategies()
    {
    }

    /**
     * @return a factory, since each thread needs its own strategy instance.
     */
    public static Supplier<IdleStrategy> byName(final String name)
    {
        switch (name)
        {
            case BackoffIdleStrategy.NAME:
                return BackoffIdleStrategy::new;
            case BusySpinIdleStrategy.NAME:
                return BusySpinIdleStrategy::new;
            case PARK:
                return () -> new BackoffIdleStrategy(0, 0, Configuration.idleMaxParkUs());
            default:
                throw new IllegalArgumentException("procmesh.idleStrategy '" + name + "' is unknown: use '" +
                    BackoffIdleStrategy.NAME + "', '" + PARK + "' or '" + BusySpinIdleStrategy.NAME + "'");
        }
    }
}
