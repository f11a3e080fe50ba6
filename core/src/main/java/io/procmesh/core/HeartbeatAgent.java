package io.procmesh.core;

import io.procmesh.core.agent.Agent;
import io.procmesh.core.agent.IdleStrategy;
import io.procmesh.core.registry.HeartbeatIntervals;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.rpc.RpcClient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A process's heartbeat, run by an {@link io.procmesh.core.agent.AgentRunner} like every other loop. Once per
 * interval, at a fixed rate: publishes its own interval statistics ({@link HeartbeatIntervals}, what the
 * phi-accrual detector judges its lateness by) and stamps the slot, lets the client fail calls its stuck reply
 * reader has not and refresh its directory ({@link RpcClient#refreshDirectoryIfDue}), then runs the tasks added with
 * {@link Procmesh#onHeartbeat} (a service's backlog and idle reply queues). It is also its own idle strategy:
 * it parks until the next beat is due, so the thread wakes once per interval, as a scheduled executor's did.
 */
final class HeartbeatAgent implements Agent, IdleStrategy
{
    private final String roleName;
    private final InstanceSlot slot;
    private final RpcClient client;
    private final long intervalNs;
    private final List<Runnable> tasks = new CopyOnWriteArrayList<>();
    private final HeartbeatIntervals intervals;
    private long nextBeatNs;
    private long lastBeatNs;

    /**
     * @param stampedNs when connect stamped the slot itself: the first beat is one interval later.
     */
    HeartbeatAgent(
        final String instanceId,
        final InstanceSlot slot,
        final RpcClient client,
        final long intervalMs,
        final long stampedNs)
    {
        this.roleName = "procmesh-heartbeat-" + instanceId;
        this.slot = slot;
        this.client = client;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.nextBeatNs = stampedNs + intervalNs;
        this.lastBeatNs = stampedNs;
        this.intervals = new HeartbeatIntervals(intervalMs);
        slot.heartbeatIntervals(intervals.packed());
    }

    void addTask(final Runnable task)
    {
        tasks.add(task);
    }

    @Override
    public int doWork()
    {
        final long nowNs = System.nanoTime();
        if (nowNs - nextBeatNs < 0)
        {
            return 0;
        }
        // Fixed rate, but a beat missed by a long pause is not made up in a burst: the next is an interval away.
        nextBeatNs += intervalNs;
        if (nextBeatNs - nowNs <= 0)
        {
            nextBeatNs = nowNs + intervalNs;
        }
        // Published before the stamp: a reader that sees this beat judges it by intervals that include it.
        slot.heartbeatIntervals(intervals.observe(nowNs - lastBeatNs));
        lastBeatNs = nowNs;
        slot.heartbeat(nowNs);
        client.refreshDirectoryIfDue(nowNs);
        for (final Runnable task : tasks)
        {
            task.run();
        }
        return 1;
    }

    @Override
    public void idle(final int workCount)
    {
        // The runner's stop unparks this thread, so a close does not wait out the interval.
        final long waitNs = nextBeatNs - System.nanoTime();
        if (waitNs > 0)
        {
            LockSupport.parkNanos(this, waitNs);
        }
    }

    @Override
    public void reset()
    {
    }

    @Override
    public String name()
    {
        return "heartbeat";
    }

    @Override
    public String roleName()
    {
        return roleName;
    }
}
