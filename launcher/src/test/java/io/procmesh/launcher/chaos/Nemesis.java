package io.procmesh.launcher.chaos;

import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.HttpTestClient;
import io.procmesh.core.test.Signals;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.LauncherHarness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Applies one random fault every 4-5 s to a random target among the instances the launcher runs now (scaled and
 * rolled-out ones included) and the launcher: kill -9,
 * SIGSTOP then SIGCONT after 0.5-2 s, or (at most {@link #MAX_LAUNCHER_RESTARTS} times) kill -9 of the launcher
 * and a new `up` that adopts its children. After each fault it measures the time until every instance is UP
 * again, with the faulted process replaced or resumed, each service at the count {@link FleetChanges} expects, and
 * the gateway's /health answers 200. The launcher is left alone while a fleet change runs.
 */
final class Nemesis implements Runnable
{
    static final String KILL = "kill -9";
    static final String STOP = "SIGSTOP+SIGCONT";
    static final String LAUNCHER_RESTART = "kill -9 launcher + up";
    static final String LAUNCHER = "launcher";
    static final int MAX_LAUNCHER_RESTARTS = 3;
    private static final long RECOVERY_BOUND_MS = 60_000;

    private final LauncherHarness harness;
    private final Duration launcherHardTimeout;
    private final HttpTestClient http;
    private final FleetChanges fleet;
    private volatile long endNs;
    private final ChaosLog log;
    private final Random random;
    private volatile ChildJvm launcher;
    private final List<ChaosLog.Fault> pending = new ArrayList<>();
    private int launcherRestarts;

    Nemesis(final LauncherHarness harness, final ChildJvm launcher, final Duration launcherHardTimeout,
        final HttpTestClient http, final FleetChanges fleet, final ChaosLog log, final long seed)
    {
        this.fleet = fleet;
        this.harness = harness;
        this.launcher = launcher;
        this.launcherHardTimeout = launcherHardTimeout;
        this.http = http;
        this.log = log;
        this.random = new Random(seed);
    }

    void until(final long faultsEndNs)
    {
        endNs = faultsEndNs;
    }

    ChildJvm launcher()
    {
        return launcher;
    }

    @Override
    public void run()
    {
        sleepMs(2_000);
        while (System.nanoTime() - endNs < 0 && !Thread.currentThread().isInterrupted())
        {
            final long atNs = System.nanoTime();
            injectOne();
            final long nextNs = atNs + TimeUnit.MILLISECONDS.toNanos(4_000 + random.nextInt(1_001));
            sampleRecoveryUntil(nextNs, false);
        }
        sampleRecoveryUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECOVERY_BOUND_MS), true);
        pending.forEach(fault -> log.fault(fault.recovered(0)));
        pending.clear();
    }

    /**
     * Faults come on schedule whether or not the last one has healed (a restart can take 15 s on a loaded
     * 2-core host), so recovery is sampled between faults: a fault has recovered at the first sample after it
     * with every instance UP under the current launcher, a killed instance replaced, and /health 200.
     */
    private void sampleRecoveryUntil(final long untilNs, final boolean returnWhenHealed)
    {
        while (System.nanoTime() - untilNs < 0 && !Thread.currentThread().isInterrupted())
        {
            if (pending.isEmpty() && returnWhenHealed)
            {
                return;
            }
            if (!pending.isEmpty())
            {
                final LauncherState state = harness.state();
                final boolean healthy = allUp(state, "", 0) && ChaosClient.getStatus(http, "/health") == 200;
                final long sampleNs = System.nanoTime();
                pending.removeIf(fault ->
                {
                    final boolean recovered = healthy && allUp(state, fault.target(),
                        KILL.equals(fault.type()) ? fault.pid() : 0);
                    if (recovered)
                    {
                        log.fault(fault.recovered(sampleNs));
                    }
                    return recovered;
                });
            }
            sleepMs(250);
        }
    }

    private void injectOne()
    {
        final List<String> targets = new ArrayList<>();
        final LauncherState state = harness.state();
        if (state != null)
        {
            state.instances().forEach(instance -> targets.add(instance.instanceId()));
        }
        if (!fleet.changing())
        {
            targets.add(LAUNCHER);
        }
        if (targets.isEmpty())
        {
            return;
        }
        final String target = targets.get(random.nextInt(targets.size()));
        final long pid;
        if (LAUNCHER.equals(target))
        {
            pid = launcher.pid();
        }
        else
        {
            final LauncherState.Instance instance = harness.instance(target);
            if (instance == null || instance.pid() <= 0)
            {
                return;
            }
            pid = instance.pid();
        }
        final boolean kill = random.nextBoolean();
        final long atNs = System.nanoTime();
        final String type;
        if (LAUNCHER.equals(target) && kill && launcherRestarts < MAX_LAUNCHER_RESTARTS)
        {
            type = LAUNCHER_RESTART;
            launcherRestarts++;
            launcher.kill9();
            launcher = harness.startLauncher("launcher-" + (launcherRestarts + 1) + ".log", launcherHardTimeout);
        }
        else if (kill && !LAUNCHER.equals(target))
        {
            type = KILL;
            Signals.send(pid, "KILL");
        }
        else
        {
            type = STOP;
            Signals.send(pid, "STOP");
            try
            {
                sleepMs(500 + random.nextInt(1_501));
            }
            finally
            {
                Signals.send(pid, "CONT");
            }
        }
        pending.add(new ChaosLog.Fault(type, target, pid, atNs, System.nanoTime(), 0));
    }

    boolean allUp(final String target, final long killedPid)
    {
        return allUp(harness.state(), target, killedPid);
    }

    private boolean allUp(final LauncherState state, final String target, final long killedPid)
    {
        if (state == null || state.launcherPid() != launcher.pid())
        {
            return false;
        }
        final Map<String, Integer> counts = new HashMap<>();
        for (final LauncherState.Instance instance : state.instances())
        {
            counts.merge(instance.service(), 1, Integer::sum);
            if (instance.state() != InstanceState.UP ||
                (instance.instanceId().equals(target) && instance.pid() == killedPid))
            {
                return false;
            }
        }
        return counts.equals(fleet.expectedCounts());
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
