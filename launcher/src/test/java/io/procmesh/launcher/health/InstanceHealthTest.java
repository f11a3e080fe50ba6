package io.procmesh.launcher.health;

import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.topology.HealthPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verdicts from a real registry slot, written by this test as an instance would write it.
 */
class InstanceHealthTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long PID = 4242;
    private static final HealthPolicy POLICY = new HealthPolicy(1_000, 500, 30_000);

    private final Registry registry = Registry.open(TestDirectories.create("health").resolve("registry.cm"), 16);
    private final InstanceHealth health = new InstanceHealth("svc-1", "svc", registry, POLICY);

    @AfterEach
    void close()
    {
        registry.close();
    }

    private InstanceSlot register(final long pid, final long heartbeatNs)
    {
        final InstanceSlot slot = registry.register(new Registration("svc", "svc-1", "1", pid, "", ""));
        slot.heartbeat(heartbeatNs);
        return slot;
    }

    @Test
    void shouldSeeADeadProcessFirst()
    {
        register(PID, System.nanoTime()).status(InstanceStatus.UP);

        assertEquals(Verdict.DEAD, health.assess(PID, false, System.nanoTime()));
    }

    @Test
    void shouldNeverCallUpAnInstanceRegisteredUnderAnotherServiceName()
    {
        final long nowNs = System.nanoTime();
        final InstanceSlot slot = registry.register(new Registration("user", "svc-1", "1", PID, "", ""));
        slot.heartbeat(nowNs);
        slot.status(InstanceStatus.UP);

        assertEquals(Verdict.MISNAMED, health.assess(PID, true, nowNs));
        assertEquals(Verdict.MISNAMED, health.assess(PID, true, nowNs));
        assertTrue(health.misnamedReason().startsWith("registered as service 'user', not 'svc'"),
            health.misnamedReason());

        register(PID + 1, nowNs).status(InstanceStatus.UP);
        assertEquals(Verdict.UP, health.assess(PID + 1, true, nowNs), "the next process registered as its service");
    }

    @Test
    void shouldWaitForThisIncarnationToRegisterAndReportUp()
    {
        final long nowNs = System.nanoTime();
        assertEquals(Verdict.STARTING, health.assess(PID, true, nowNs), "not registered yet");

        final InstanceSlot slot = register(PID - 1, nowNs);
        slot.status(InstanceStatus.UP);
        assertEquals(Verdict.STARTING, health.assess(PID, true, nowNs), "the entry is a former incarnation's");

        register(PID, nowNs);
        assertEquals(Verdict.STARTING, health.assess(PID, true, nowNs), "registered, not UP yet");
        slot.status(InstanceStatus.UP);
        assertEquals(Verdict.UP, health.assess(PID, true, nowNs + 10 * MS));
    }

    @Test
    void shouldCallALateHeartbeatDegradedThenHung()
    {
        final long heartbeatNs = System.nanoTime();
        register(PID, heartbeatNs).status(InstanceStatus.UP);

        assertEquals(Verdict.UP, health.assess(PID, true, heartbeatNs + 400 * MS));
        assertEquals(Verdict.DEGRADED, health.assess(PID, true, heartbeatNs + 600 * MS));
        assertEquals(Verdict.HUNG, health.assess(PID, true, heartbeatNs + 1_001 * MS));
        assertEquals(1_001, health.heartbeatAgeMs());
    }

    /**
     * Issue 9 item 14, first window: registration has published STARTING and the new pid, but the heartbeat
     * still holds the former incarnation's value from long ago. Judged by the start timeout, not as hung.
     */
    @Test
    void shouldNotCallANewIncarnationHungForTheFormerIncarnationsHeartbeat()
    {
        final long nowNs = System.nanoTime();
        final InstanceSlot slot = register(PID, nowNs);
        slot.heartbeat(nowNs - 10_000 * MS);

        assertEquals(Verdict.STARTING, health.assess(PID, true, nowNs));

        slot.heartbeat(nowNs);
        slot.status(InstanceStatus.UP);
        assertEquals(Verdict.UP, health.assess(PID, true, nowNs + 10 * MS), "its own heartbeat, once UP");
    }

    /**
     * Issue 9 item 14, the tie to the incarnation: even if the former incarnation's UP status is what shows beside
     * the new pid (registration writes the pid with a plain store, which may be seen before its status store), a
     * heartbeat older than this incarnation's spawn is not its own.
     */
    @Test
    void shouldNotJudgeANewIncarnationByAHeartbeatFromBeforeItsSpawn()
    {
        final long spawnedNs = System.nanoTime();
        final InstanceSlot slot = register(PID, spawnedNs);
        slot.status(InstanceStatus.UP);
        slot.heartbeat(spawnedNs - 10_000 * MS);
        health.spawnedAt(spawnedNs);

        assertEquals(Verdict.STARTING, health.assess(PID, true, spawnedNs + 50 * MS));

        slot.heartbeat(spawnedNs + 40 * MS);
        assertEquals(Verdict.UP, health.assess(PID, true, spawnedNs + 50 * MS), "its own heartbeat");
        assertEquals(Verdict.HUNG, health.assess(PID, true, spawnedNs + 1_041 * MS), "and then silent");
    }

    /**
     * Issue 9 item 14, second window: the first heartbeat, then a queue open slower than the heartbeat timeout
     * before the next one. Still STARTING; the supervisor's start timeout decides.
     */
    @Test
    void shouldNotCallAStartingInstanceHungBeforeItsStartTimeout()
    {
        final long heartbeatNs = System.nanoTime();
        register(PID, heartbeatNs);

        assertEquals(Verdict.STARTING, health.assess(PID, true, heartbeatNs + 3 * POLICY.heartbeatTimeoutMs() * MS));
    }

    @Test
    void shouldStillCallAnInstanceHungOnceItReportedUp()
    {
        final long heartbeatNs = System.nanoTime();
        final InstanceSlot slot = register(PID, heartbeatNs);
        slot.status(InstanceStatus.DRAINING);

        assertEquals(Verdict.HUNG, health.assess(PID, true, heartbeatNs + 1_001 * MS), "draining and silent");
        slot.status(InstanceStatus.UP);
        assertEquals(Verdict.HUNG, health.assess(PID, true, heartbeatNs + 1_001 * MS), "UP and silent");
    }

    @Test
    void shouldCallADrainingInstanceDegraded()
    {
        final long nowNs = System.nanoTime();
        register(PID, nowNs).status(InstanceStatus.DRAINING);

        assertEquals(Verdict.DEGRADED, health.assess(PID, true, nowNs));
    }

    @Test
    void shouldCallAGrowingBacklogWithoutProgressStuck()
    {
        final long startNs = System.nanoTime();
        final InstanceSlot slot = register(PID, startNs);
        slot.status(InstanceStatus.UP);
        slot.lastHandledIndex(7);
        slot.inboxBacklog(1);

        assertEquals(Verdict.UP, health.assess(PID, true, startNs));
        slot.heartbeat(startNs + 100 * MS);
        assertEquals(Verdict.UP, health.assess(PID, true, startNs + 100 * MS));
        slot.inboxBacklog(3);
        slot.heartbeat(startNs + 200 * MS);
        assertEquals(Verdict.DEGRADED, health.assess(PID, true, startNs + 200 * MS));
        slot.inboxBacklog(9);
        slot.heartbeat(startNs + 700 * MS);
        assertEquals(Verdict.STUCK, health.assess(PID, true, startNs + 700 * MS));
        assertEquals(9, health.backlog());

        slot.lastHandledIndex(8);
        assertEquals(Verdict.UP, health.assess(PID, true, startNs + 700 * MS), "one handled message clears it");
    }

    @Test
    void shouldMarkOnlyItsOwnIncarnationDown()
    {
        final InstanceSlot slot = register(PID, System.nanoTime());
        slot.status(InstanceStatus.UP);

        health.markDown(PID - 1);
        assertEquals(InstanceStatus.UP, slot.status());
        health.markDown(PID);
        assertEquals(InstanceStatus.DOWN, slot.status());
    }
}
