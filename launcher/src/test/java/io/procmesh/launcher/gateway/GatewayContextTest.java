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

    @Test
    void shouldRefuseAnEventKeepAliveThatTheIdleTimeoutWouldBeat()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new GatewayContext().port(0).idleTimeoutMs(10_000).eventsKeepAliveMs(10_000).conclude());
        assertEquals(GatewayConfiguration.EVENTS_KEEP_ALIVE_MS_PROP_NAME + " (10000) must be below " +
            GatewayConfiguration.IDLE_TIMEOUT_MS_PROP_NAME + " (10000), or quiet event streams are closed as idle",
            error.getMessage());
        final GatewayContext context = new GatewayContext().port(0).idleTimeoutMs(10_000).eventsKeepAliveMs(9_999);
        context.conclude();
        assertEquals(9_999, context.eventsKeepAliveMs());
        assertEquals(GatewayConfiguration.MAX_EVENT_STREAMS_DEFAULT, context.maxEventStreams());
        final GatewayContext lowIdle = new GatewayContext().port(0).idleTimeoutMs(2_000);
        lowIdle.conclude();
        assertEquals(1_000, lowIdle.eventsKeepAliveMs(), "unset: half a low idle timeout, not a refusal");
    }
}
