package io.procmesh.launcher.recovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Decides, while the launcher supervises, when the registry counts as wedged: a segment lock that stays taken
 * through two probes in a row while no process that maps the registry is stopped.
 * <p>
 * Recovering means restarting every instance, so it is for a holder that is dead, not one that is slow. One failed
 * probe is not enough: a live holder may be descheduled for a moment. And a lock may stay taken for seconds under
 * a live holder that is stopped (SIGSTOP, a debugger) and will release it once resumed. Chronicle's lock word has
 * no holder pid, so the holder cannot be named; instead, while any other process mapping the file is stopped,
 * the decision waits for it ({@link RegistryMappers}), up to {@link #MAX_WAIT_FOR_STOPPED_NS}. A stopped
 * supervised instance is killed as hung at its heartbeat timeout, well within that; if it held the lock, the lock
 * is then a dead holder's and the next probes call the map wedged.
 */
public final class RegistryWatchdog
{
    public static final int FAILED_PROBES_TO_WEDGE = 2;
    /**
     * A process stopped for longer than this (an abandoned debugger session, a client nobody resumes) no longer
     * holds back a recovery: every user of the segment would be failing with Chronicle's 60 s lock timeout by then.
     */
    static final long MAX_WAIT_FOR_STOPPED_NS = TimeUnit.SECONDS.toNanos(30);
    private static final Logger LOG = LoggerFactory.getLogger(RegistryWatchdog.class);

    private final LongPredicate responsiveWithinMs;
    private final Supplier<List<Long>> stoppedMappers;
    private final long intervalNs;
    private final long probeMs;
    private long nextProbeNs;
    private int failedProbes;
    private long firstFailedNs;
    private List<Long> waitingFor = List.of();

    /**
     * @param responsiveWithinMs the probe: true if every segment lock could be taken within the given ms.
     * @param stoppedMappers     pids of other processes that map the registry and are stopped, read only after
     *                           a failed probe.
     * @param intervalMs         how often to probe; 0 or less never probes.
     * @param probeMs            how long one probe may wait for a lock.
     */
    public RegistryWatchdog(
        final LongPredicate responsiveWithinMs,
        final Supplier<List<Long>> stoppedMappers,
        final long intervalMs,
        final long probeMs,
        final long nowNs)
    {
        this.responsiveWithinMs = responsiveWithinMs;
        this.stoppedMappers = stoppedMappers;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.probeMs = probeMs;
        this.nextProbeNs = nowNs + intervalNs;
    }

    /**
     * Probes when one is due.
     *
     * @return true once the registry is wedged; the caller recovers it and then calls {@link #recovered}.
     */
    public boolean isWedged(final long nowNs)
    {
        if (intervalNs <= 0 || nowNs - nextProbeNs < 0)
        {
            return false;
        }
        if (responsiveWithinMs.test(probeMs))
        {
            if (!waitingFor.isEmpty())
            {
                LOG.info("registry lock free again after the stopped process(es) {} were resumed or ended",
                    waitingFor);
            }
            reset(nowNs);
            return false;
        }
        if (failedProbes++ == 0)
        {
            firstFailedNs = nowNs;
        }
        // A failed probe already waited probeMs; look again at once rather than after a full interval.
        nextProbeNs = nowNs;
        if (failedProbes < FAILED_PROBES_TO_WEDGE)
        {
            return false;
        }
        final List<Long> stopped = stoppedMappers.get();
        if (stopped.isEmpty())
        {
            return true;
        }
        if (nowNs - firstFailedNs > MAX_WAIT_FOR_STOPPED_NS)
        {
            LOG.warn("registry lock still taken after {} s while {} stayed stopped: treating it as wedged",
                TimeUnit.NANOSECONDS.toSeconds(MAX_WAIT_FOR_STOPPED_NS), stopped);
            return true;
        }
        if (!stopped.equals(waitingFor))
        {
            waitingFor = stopped;
            LOG.warn("registry lock taken through {} probes, but process(es) {} mapping the registry are stopped " +
                "(SIGSTOP?) and may hold it: waiting for them rather than recovering", failedProbes, stopped);
        }
        return false;
    }

    int failedProbes()
    {
        return failedProbes;
    }

    public void recovered(final long nowNs)
    {
        reset(nowNs);
    }

    private void reset(final long nowNs)
    {
        failedProbes = 0;
        waitingFor = List.of();
        nextProbeNs = nowNs + intervalNs;
    }
}
