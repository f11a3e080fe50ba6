package io.procmesh.core.rpc;

import io.procmesh.core.breaker.BreakerSettings;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.core.breaker.CircuitBreaker;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which breaker a call asks: one per target, per partition of a partitioned target, per operation where the target's
 * settings say {@code perOperation=true}; none where they say {@code enabled=false}. Settings come from
 * {@code procmesh.breaker.<service>} and the context, which wins; a bad one fails the client's start naming it.
 */
class CallBreakersTest
{
    private final BreakerTable table = BreakerTable.open(TestDirectories.create("call-breakers")
        .resolve("registry.breakers"));
    private final List<Throwable> errors = new ArrayList<>();

    @AfterEach
    void close()
    {
        table.close();
    }

    @Test
    void shouldGiveEachTargetPartitionAndOperationItsOwnBreakerAsItsSettingsSay()
    {
        final CallBreakers breakers = new CallBreakers("order", table, Map.of(
            "user", BreakerSettings.parse("user", "perOperation=true"),
            "audit", BreakerSettings.parse("audit", "enabled=false")), errors::add);

        final CircuitBreaker pricing = breakers.of("pricing", "quote", 0);
        assertEquals("order->pricing", pricing.name());
        assertSame(pricing, breakers.of("pricing", "list", 0), "one for the whole target");
        assertEquals("order->pricing#2", breakers.of("pricing", "quote", 2).name());

        final CircuitBreaker get = breakers.of("user", "get", 0);
        assertEquals("order->user:get", get.name());
        assertSame(get, breakers.of("user", "get", 0));
        assertEquals("order->user:list", breakers.of("user", "list", 0).name());
        assertEquals("order->user:get#1", breakers.of("user", "get", 1).name());

        assertNull(breakers.of("audit", "record", 0), "disabled: calls go without one");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shouldTakeSettingsFromTheSystemPropertyAndRefuseABadOneNamingIt()
    {
        System.setProperty("procmesh.breaker.inventory", "waitMs=1234");
        try
        {
            final CallBreakers breakers = new CallBreakers("order", table, Map.of(), errors::add);
            assertEquals(1234, breakers.of("inventory", "stock", 0).settings().waitMs());
            System.setProperty("procmesh.breaker.inventory", "waitMs=soon");
            final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new CallBreakers("order", table, Map.of(), errors::add));
            assertEquals("procmesh.breaker.inventory: waitMs must be a whole number, was 'soon'", bad.getMessage());
        }
        finally
        {
            System.clearProperty("procmesh.breaker.inventory");
        }
    }
}
