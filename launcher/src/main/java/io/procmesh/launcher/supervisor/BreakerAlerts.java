package io.procmesh.launcher.supervisor;

import io.procmesh.core.breaker.BreakerSnapshot;
import io.procmesh.core.breaker.BreakerState;
import io.procmesh.core.breaker.BreakerTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watches the shared breaker table from the supervising thread and raises one ALERT line each time a breaker
 * opens, whichever process opened it (the count of openings is in the table, so an opening between two looks is not
 * missed), and a RESOLVED line when it closes again. A breaker found open at the first look (a launcher started
 * while it was) is alerted too.
 */
final class BreakerAlerts
{
    private static final Logger LOG = LoggerFactory.getLogger(BreakerAlerts.class);
    private final BreakerTable table;
    private final long intervalNs;
    private final Map<String, Long> openings = new HashMap<>();
    private final Map<String, BreakerState> states = new HashMap<>();
    private long nextNs;
    private boolean looked;

    BreakerAlerts(final BreakerTable table, final long intervalMs)
    {
        this.table = table;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    }

    /**
     * @return how many alert or resolution lines were written.
     */
    int checkIfDue(final long nowNs)
    {
        if (looked && nowNs - nextNs < 0)
        {
            return 0;
        }
        looked = true;
        nextNs = nowNs + intervalNs;
        int lines = 0;
        for (final BreakerSnapshot breaker : table.snapshot(nowNs))
        {
            final Long openedBefore = openings.put(breaker.name(), breaker.openings());
            final BreakerState before = states.put(breaker.name(), breaker.state());
            if (openedBefore == null ? breaker.state() == BreakerState.OPEN : breaker.openings() > openedBefore)
            {
                LOG.error("ALERT circuit breaker {} OPEN: {} of {} calls in its window failed or timed out and {} " +
                    "were slow; calls fail at once, trial calls in {} ms", breaker.name(), breaker.failures(),
                    breaker.calls(), breaker.slowCalls(), breaker.retryAfterMs());
                lines++;
            }
            else if (before != null && before != BreakerState.CLOSED && breaker.state() == BreakerState.CLOSED)
            {
                LOG.info("RESOLVED circuit breaker {} CLOSED: its trial calls succeeded", breaker.name());
                lines++;
            }
        }
        return lines;
    }
}
