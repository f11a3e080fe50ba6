package io.procmesh.launcher.supervisor;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartIntensityTest
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    @Test
    void shouldRefuseTheRestartAfterMaxWithinTheWindow()
    {
        final RestartIntensity intensity = new RestartIntensity(3, 10);

        assertTrue(intensity.tryRecord(0));
        assertTrue(intensity.tryRecord(SECOND_NS));
        assertTrue(intensity.tryRecord(2 * SECOND_NS));
        assertFalse(intensity.tryRecord(9 * SECOND_NS));
        assertEquals(3, intensity.recentRestarts(9 * SECOND_NS));
    }

    @Test
    void shouldAllowRestartsSpreadOverMoreThanTheWindow()
    {
        final RestartIntensity intensity = new RestartIntensity(2, 10);

        for (int i = 0; i < 20; i++)
        {
            assertTrue(intensity.tryRecord(i * 6 * SECOND_NS), "restart " + i);
        }
        assertEquals(2, intensity.recentRestarts(19 * 6 * SECOND_NS));
    }

    @Test
    void shouldSlideTheWindow()
    {
        final RestartIntensity intensity = new RestartIntensity(2, 10);

        assertTrue(intensity.tryRecord(0));
        assertTrue(intensity.tryRecord(5 * SECOND_NS));
        assertFalse(intensity.tryRecord(9 * SECOND_NS));
        assertTrue(intensity.tryRecord(10 * SECOND_NS));
        assertFalse(intensity.tryRecord(14 * SECOND_NS));
        assertTrue(intensity.tryRecord(15 * SECOND_NS));
    }

    @Test
    void shouldNeverRestartWithZeroAllowedAndForgetOnReset()
    {
        assertFalse(new RestartIntensity(0, 10).tryRecord(0));

        final RestartIntensity intensity = new RestartIntensity(1, 10);
        assertTrue(intensity.tryRecord(0));
        assertFalse(intensity.tryRecord(1));
        intensity.reset();
        assertTrue(intensity.tryRecord(2));
    }
}
