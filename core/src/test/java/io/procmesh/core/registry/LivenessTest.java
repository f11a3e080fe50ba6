package io.procmesh.core.registry;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LivenessTest
{
    private static final long STALE_NS = TimeUnit.MILLISECONDS.toNanos(1_500);
    private static final long NOW_NS = TimeUnit.SECONDS.toNanos(1_000);

    @Test
    void shouldCallAnUpInstanceLiveUpToTheStalenessLimitAndNotAfter()
    {
        assertTrue(Liveness.isLive(InstanceStatus.UP, NOW_NS - STALE_NS, 0, NOW_NS, STALE_NS));
        assertFalse(Liveness.isLive(InstanceStatus.UP, NOW_NS - STALE_NS - 1, 0, NOW_NS, STALE_NS));
    }

    @Test
    void shouldCallAHeartbeatStampedAfterTheCallersClockReadFresh()
    {
        assertTrue(Liveness.isLive(InstanceStatus.UP, NOW_NS + 5_000, 0, NOW_NS, STALE_NS),
            "the owner stamped between the caller's nanoTime and its slot read");
    }

    @Test
    void shouldNeverCallAnInstanceThatNeverBeatOrBeatInAnotherBootLive()
    {
        assertFalse(Liveness.isLive(InstanceStatus.UP, 0, 0, NOW_NS, STALE_NS));
        assertFalse(Liveness.isLive(InstanceStatus.UP, InstanceLiveness.OTHER_BOOT_HEARTBEAT_NS, 0, NOW_NS, STALE_NS));
    }

    @Test
    void shouldCallOnlyAnUpInstanceLive()
    {
        for (final InstanceStatus status : InstanceStatus.values())
        {
            final boolean live = Liveness.isLive(status, NOW_NS, 0, NOW_NS, STALE_NS);
            assertTrue(live == (status == InstanceStatus.UP), status + " live: " + live);
        }
    }
}
