package io.procmesh.launcher.supervisor;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.breaker.BreakerSnapshot;
import io.procmesh.core.breaker.BreakerState;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.launcher.alert.AlertSink;
import io.procmesh.launcher.alert.Alerts;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watches the shared breaker table from the supervising thread: a breaker that leaves CLOSED, whichever process
 * opened it, fires {@link Alerts#BREAKER_OPEN} once, and its return to CLOSED resolves it. Reopening after failed
 * trial calls is the same alert still firing, not a new one. A breaker that opened and closed again between two looks
 * (its count of openings moved) is alerted and resolved at once, so no opening goes unreported.
 */
final class BreakerAlerts
{
    private final BreakerTable table;
    private final AlertSink alerts;
    private final ErrorHandler errorHandler;
    private final long intervalNs;
    private final Map<String, Long> openings = new HashMap<>();
    private final Set<String> open = new HashSet<>();
    private long nextNs;
    private boolean looked;

    BreakerAlerts(final BreakerTable table, final AlertSink alerts, final ErrorHandler errorHandler,
        final long intervalMs)
    {
        this.table = table;
        this.alerts = alerts;
        this.errorHandler = errorHandler;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    }

    void checkIfDue(final long nowNs)
    {
        if (looked && nowNs - nextNs < 0)
        {
            return;
        }
        looked = true;
        nextNs = nowNs + intervalNs;
        final List<BreakerSnapshot> breakers;
        try
        {
            breakers = table.snapshot(nowNs);
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(new IllegalStateException("cannot read the circuit breakers for alerts", ex));
            return;
        }
        for (final BreakerSnapshot breaker : breakers)
        {
            try
            {
                check(breaker);
            }
            catch (final RuntimeException ex)
            {
                errorHandler.onError(new IllegalStateException("cannot alert on breaker " + breaker.name(), ex));
            }
        }
    }

    private void check(final BreakerSnapshot breaker)
    {
        final String name = breaker.name();
        final Long openedBefore = openings.put(name, breaker.openings());
        final boolean openedSince = openedBefore != null && breaker.openings() > openedBefore;
        if (breaker.state() != BreakerState.CLOSED || openedSince && !open.contains(name))
        {
            if (open.add(name))
            {
                alerts.fire(Alerts.BREAKER_OPEN, Alerts.WARNING, target(name), name, "circuit breaker " + name +
                    " OPEN: " + breaker.failures() + " of " + breaker.calls() + " calls in its window failed or " +
                    "timed out and " + breaker.slowCalls() + " were slow; calls fail at once, trial calls in " +
                    breaker.retryAfterMs() + " ms");
            }
        }
        // Or one an earlier launcher raised and this one never saw open.
        if (breaker.state() == BreakerState.CLOSED &&
            (open.remove(name) || alerts.firing(Alerts.BREAKER_OPEN, target(name), name)))
        {
            alerts.resolve(Alerts.BREAKER_OPEN, target(name), name, "circuit breaker " + name +
                " CLOSED: its trial calls succeeded");
        }
    }

    /**
     * @return the target service of {@code caller->target[:operation][#partition]}: service names have neither
     * {@code :} nor {@code #}.
     */
    static String target(final String breaker)
    {
        final int arrow = breaker.indexOf("->");
        if (arrow < 0)
        {
            return "";
        }
        int end = arrow + 2;
        while (end < breaker.length() && breaker.charAt(end) != ':' && breaker.charAt(end) != '#')
        {
            end++;
        }
        return breaker.substring(arrow + 2, end);
    }
}
