package io.procmesh.core.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The name a process registers under against the launcher's name for it (procmesh.serviceName); the refusal in a
 * real child JVM is in ServiceMainTest.
 */
class ServiceNameTest
{
    @Test
    void shouldTakeTheLaunchersNameWhenNoneIsAskedFor()
    {
        assertEquals("inventory", Settings.serviceName(null, "inventory"));
        assertEquals("inventory", Settings.serviceName("inventory", "inventory"));
        assertEquals("user", Settings.serviceName("user", null));
        assertEquals("client", Settings.serviceName(null, null));
    }

    @Test
    void shouldRefuseANameOtherThanTheLaunchersNamingBoth()
    {
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> Settings.serviceName("user", "inventory"));
        assertTrue(error.getMessage().startsWith("this JVM runs service 'inventory' (procmesh.serviceName, from the " +
            "topology) but connects as service 'user'"), error.getMessage());
        assertTrue(error.getMessage().lines().count() == 1);
    }
}
