package io.procmesh.launcher.supervisor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest
{
    @Test
    void shouldDoubleUpToTheMaximumAndResetToTheInitialDelay()
    {
        final Backoff backoff = new Backoff(100, 500);

        assertEquals(100, backoff.nextDelayMs());
        assertEquals(200, backoff.nextDelayMs());
        assertEquals(400, backoff.nextDelayMs());
        assertEquals(500, backoff.nextDelayMs());
        assertEquals(500, backoff.nextDelayMs());
        backoff.reset();
        assertEquals(100, backoff.nextDelayMs());
    }

    @Test
    void shouldGrowFromAZeroInitialDelay()
    {
        final Backoff backoff = new Backoff(0, 10);

        assertEquals(0, backoff.nextDelayMs());
        assertEquals(2, backoff.nextDelayMs());
        assertEquals(4, backoff.nextDelayMs());
    }

    @Test
    void shouldRejectMaximumBelowInitial()
    {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(100, 50));
    }
}
