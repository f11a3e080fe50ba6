package io.procmesh.launcher.supervisor;

import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * Decides, while the launcher supervises, when the registry counts as wedged: a segment lock that stays taken
 * through two probes in a row. One failed probe is not enough, because a live process that is stopped (SIGSTOP,
 * a long GC pause) while it holds a lock for its microseconds would look the same for a moment; recovering means
 * restarting every instance, so it is worth a second look.
 */
final class RegistryWatchdog
{
    static final int FAILED_PROBES_TO_WEDGE = 2;

    private final LongPredicate responsiveWithinMs;
    private final long intervalNs;
    private final long probeMs;
    private long nextProbeNs;
    private int failedProbes;

    /**
     * @param responsiveWithinMs the probe: true if every segment lock could be taken within the given ms.
     * @param intervalMs         how often to probe; 0 or less never probes.
     * @param probeMs            how long one probe may wait for a lock.
     */
    RegistryWatchdog(final LongPredicate responsiveWithinMs, final long intervalMs, final long probeMs, final long nowNs)
    {
        this.responsiveWithinMs = responsiveWithinMs;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.probeMs = probeMs;
        this.nextProbeNs = nowNs + intervalNs;
    }

    /**
     * Probes when one is due.
     *
     * @return true once the registry is wedged; the caller recovers it and then calls {@link #recovered}.
     */
    boolean isWedged(final long nowNs)
    {
        if (intervalNs <= 0 || nowNs - nextProbeNs < 0)
        {
            return false;
        }
        if (responsiveWithinMs.test(probeMs))
        {
            failedProbes = 0;
            nextProbeNs = nowNs + intervalNs;
            return false;
        }
        failedProbes++;
        // A failed probe already waited probeMs; look again at once rather than after a full interval.
        nextProbeNs = nowNs;
        return failedProbes >= FAILED_PROBES_TO_WEDGE;
    }

    int failedProbes()
    {
        return failedProbes;
    }

    void recovered(final long nowNs)
    {
        failedProbes = 0;
        nextProbeNs = nowNs + intervalNs;
    }
}
