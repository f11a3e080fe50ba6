package io.procmesh.launcher.gateway;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.procmesh.core.breaker.BreakerSnapshot;
import io.procmesh.core.breaker.BreakerTable;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Exposes every circuit breaker of the shared table as meters tagged {@code breaker="caller->target"}: its state
 * ({@code procmesh_breaker_state}: 0 CLOSED, 1 OPEN, 2 HALF_OPEN), its transitions, openings and calls not
 * permitted. Read from the table at each registry refresh, so a scrape reads only the last copy. Breakers are never
 * removed from the table, and it holds at most {@value BreakerTable#SLOTS} of them, so the series stay bounded.
 */
final class BreakerMetricsBinder implements Consumer<RegistryView.Snapshot>
{
    private final MeterRegistry registry;
    private final BreakerTable table;
    private final Map<String, Latest> breakers = new HashMap<>();

    BreakerMetricsBinder(final MeterRegistry registry, final BreakerTable table)
    {
        this.registry = registry;
        this.table = table;
    }

    /**
     * Runs on the registry view's refresh thread only.
     */
    @Override
    public void accept(final RegistryView.Snapshot snapshot)
    {
        for (final BreakerSnapshot breaker : table.snapshot(System.nanoTime()))
        {
            Latest latest = breakers.get(breaker.name());
            if (latest == null)
            {
                latest = new Latest();
                bind(latest, Tags.of("breaker", breaker.name()));
                breakers.put(breaker.name(), latest);
            }
            latest.value = breaker;
        }
    }

    private void bind(final Latest latest, final Tags tags)
    {
        Gauge.builder("procmesh.breaker.state", latest, l -> l.value.state().ordinal())
            .description("The circuit breaker's state: 0 CLOSED, 1 OPEN, 2 HALF_OPEN").tags(tags).register(registry);
        FunctionCounter.builder("procmesh.breaker.transitions", latest, l -> l.value.transitions())
            .description("State changes of the circuit breaker").tags(tags).register(registry);
        FunctionCounter.builder("procmesh.breaker.openings", latest, l -> l.value.openings())
            .description("Times the circuit breaker opened").tags(tags).register(registry);
        FunctionCounter.builder("procmesh.breaker.not.permitted", latest, l -> l.value.notPermitted())
            .description("Calls the circuit breaker refused").tags(tags).register(registry);
    }

    /**
     * The breaker's last reading, written by the refresh thread and read by scrapes.
     */
    private static final class Latest
    {
        volatile BreakerSnapshot value;
    }
}
