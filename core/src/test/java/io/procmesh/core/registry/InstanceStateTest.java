package io.procmesh.core.registry;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InstanceStateTest
{
    private static final long STALE_NS = TimeUnit.MILLISECONDS.toNanos(1_500);
    private static final long NOW_NS = TimeUnit.SECONDS.toNanos(1_000);
    private static final long FRESH_NS = NOW_NS - STALE_NS;
    private static final long STALE_HEARTBEAT_NS = NOW_NS - STALE_NS - 1;

    @Test
    void shouldSayWhatAnInstanceWithAFreshHeartbeatReports()
    {
        assertEquals(InstanceState.STARTING,
            InstanceState.observed(InstanceStatus.STARTING, FRESH_NS, 0, NOW_NS, STALE_NS));
        assertEquals(InstanceState.UP, InstanceState.observed(InstanceStatus.UP, FRESH_NS, 0, NOW_NS, STALE_NS));
        assertEquals(InstanceState.DRAINING,
            InstanceState.observed(InstanceStatus.DRAINING, FRESH_NS, 0, NOW_NS, STALE_NS));
        assertEquals(InstanceState.DOWN, InstanceState.observed(InstanceStatus.DOWN, FRESH_NS, 0, NOW_NS, STALE_NS));
        assertEquals(InstanceState.DOWN, InstanceState.observed(InstanceStatus.UNKNOWN, FRESH_NS, 0, NOW_NS, STALE_NS));
    }

    @Test
    void shouldCallAnInstanceThatStillClaimsToRunButStoppedBeatingUnresponsive()
    {
        for (final InstanceStatus status : new InstanceStatus[] {InstanceStatus.STARTING, InstanceStatus.UP,
            InstanceStatus.DRAINING})
        {
            assertEquals(InstanceState.UNRESPONSIVE,
                InstanceState.observed(status, STALE_HEARTBEAT_NS, 0, NOW_NS, STALE_NS), status.name());
            assertEquals(InstanceState.UNRESPONSIVE, InstanceState.observed(status, 0, 0, NOW_NS, STALE_NS),
                status + " that never beat");
        }
        assertEquals(InstanceState.DOWN, InstanceState.observed(InstanceStatus.DOWN, 0, 0, NOW_NS, STALE_NS));
    }

    @Test
    void shouldBeUpExactlyWhenTheLivenessRuleSaysLive()
    {
        for (final InstanceStatus status : InstanceStatus.values())
        {
            for (final long heartbeatNs : new long[] {0, STALE_HEARTBEAT_NS, FRESH_NS, NOW_NS, NOW_NS + 5_000,
                InstanceLiveness.OTHER_BOOT_HEARTBEAT_NS})
            {
                assertEquals(Liveness.isLive(status, heartbeatNs, 0, NOW_NS, STALE_NS),
                    InstanceState.observed(status, heartbeatNs, 0, NOW_NS, STALE_NS) == InstanceState.UP,
                    status + " heartbeat " + heartbeatNs);
            }
        }
    }
}
