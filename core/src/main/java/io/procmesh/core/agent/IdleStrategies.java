package io.procmesh.core.agent;

import java.util.function.Supplier;

/**
 * Idle strategies by the names used in configuration ({@code procmesh.idleStrategy}).
 */
public final class IdleStrategies
{
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
            default:
                throw new IllegalArgumentException("procmesh.idleStrategy '" + name + "' is unknown: use '" +
                    BackoffIdleStrategy.NAME + "' or '" + BusySpinIdleStrategy.NAME + "'");
        }
    }
}
