package io.procmesh.launcher.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 10 item 5: the gateway's Context concludes once, as every component Context does.
 */
class GatewayContextTest
{
    @Test
    void shouldRefuseASecondConclude()
    {
        final GatewayContext context = new GatewayContext().port(0);
        context.conclude();

        final IllegalStateException error = assertThrows(IllegalStateException.class, context::conclude);
        assertEquals("GatewayContext is already concluded: conclude() runs once per Context", error.getMessage());
    }

    @Test
    void shouldNameTheSettingOfANonPositiveValue()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new GatewayContext().port(0).deadlineMs(0).conclude());
        assertEquals(GatewayConfiguration.DEADLINE_MS_PROP_NAME + " must be positive, was 0", error.getMessage());
    }
}
