package io.procmesh.core.rpc;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: where a key-affinity service's key is read from, and the one-line errors when it cannot be.
 */
class AffinityKeyTest
{
    record User(String name)
    {
    }

    record Order(User user, long userId, int quantity)
    {
    }

    interface Orders
    {
        String place(Order order);

        String cancel(long userId, String reason);

        String transfer(Order from, Order to);
    }

    private static Method method(final String name)
    {
        for (final Method method : Orders.class.getMethods())
        {
            if (method.getName().equals(name))
            {
                return method;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void shouldReadTheKeyFromAnArgumentByNameOrFromAFieldPath()
    {
        final Order order = new Order(new User("ada"), 42, 3);
        assertEquals(42L, AffinityKeyExtractor.of("orders", method("cancel"), "userId")
            .extract(new Object[]{42L, "late"}));
        assertEquals(42L, AffinityKeyExtractor.of("orders", method("place"), "order.userId")
            .extract(new Object[]{order}));
        assertEquals("ada", AffinityKeyExtractor.of("orders", method("place"), "order.user.name")
            .extract(new Object[]{order}));
        // A method with one argument: the path may start inside it.
        assertEquals(42L, AffinityKeyExtractor.of("orders", method("place"), "userId")
            .extract(new Object[]{order}));
        assertNull(AffinityKeyExtractor.of("orders", method("place"), "order.user.name")
            .extract(new Object[]{new Order(null, 1, 1)}));
    }

    @Test
    void shouldRefuseAMethodTheKeyDoesNotFitWithOneLineNamingBoth()
    {
        final IllegalArgumentException noArgument = assertThrows(IllegalArgumentException.class,
            () -> AffinityKeyExtractor.of("orders", method("transfer"), "userId"));
        assertEquals("affinityKey 'userId' of service 'orders': Orders.transfer has no argument named 'userId'",
            noArgument.getMessage());
        final IllegalArgumentException noField = assertThrows(IllegalArgumentException.class,
            () -> AffinityKeyExtractor.of("orders", method("place"), "order.customer"));
        assertTrue(noField.getMessage().contains("Order has no component, getter or public field 'customer'"),
            noField.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> AffinityKeyExtractor.of("orders", method("place"), "order..userId"));
    }

    @Test
    void shouldTakePoliciesFromSystemPropertiesWithTheContextWinning()
    {
        System.setProperty("procmesh.loadBalancing.orders-test", "key-affinity");
        System.setProperty("procmesh.affinityKey.orders-test", "order.userId");
        System.setProperty("procmesh.loadBalancing.stock-test", "round-robin");
        try
        {
            final BalancingPolicies fromProperties = new BalancingPolicies(Map.of(), Map.of());
            assertEquals(LoadBalancing.KEY_AFFINITY, fromProperties.policy("orders-test"));
            assertEquals("order.userId", fromProperties.affinityKey("orders-test"));
            assertEquals(LoadBalancing.ROUND_ROBIN, fromProperties.policy("stock-test"));
            assertEquals(LoadBalancing.LEAST_OUTSTANDING, fromProperties.policy("anything-else"));

            final BalancingPolicies overridden =
                new BalancingPolicies(Map.of("stock-test", "least-outstanding"), Map.of());
            assertEquals(LoadBalancing.LEAST_OUTSTANDING, overridden.policy("stock-test"));

            final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new BalancingPolicies(Map.of("stock-test", "random"), Map.of()));
            assertEquals("loadBalancing of service 'stock-test': unknown load-balancing policy 'random'; valid: " +
                "round-robin, least-outstanding, key-affinity", unknown.getMessage());
            final IllegalArgumentException keyWithoutAffinity = assertThrows(IllegalArgumentException.class,
                () -> new BalancingPolicies(Map.of(), Map.of("stock-test", "sku")));
            assertEquals("affinityKey 'sku' of service 'stock-test' needs loadBalancing key-affinity, not round-robin",
                keyWithoutAffinity.getMessage());
        }
        finally
        {
            System.clearProperty("procmesh.loadBalancing.orders-test");
            System.clearProperty("procmesh.affinityKey.orders-test");
            System.clearProperty("procmesh.loadBalancing.stock-test");
        }
    }
}
