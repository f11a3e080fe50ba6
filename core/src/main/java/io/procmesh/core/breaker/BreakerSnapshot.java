package io.procmesh.core.breaker;

/**
 * One breaker as read at one moment, for {@code status}, {@code /services} and the metrics.
 *
 * @param name           {@code caller->target}, with {@code #partition} for a partition of a partitioned target.
 * @param retryAfterMs   while OPEN, the time left before trial calls go through; else 0.
 * @param calls          outcomes in the window (since it last closed, when CLOSED).
 * @param failures       of those, failures and timeouts.
 * @param slowCalls      of those, calls that succeeded slowly.
 * @param transitions    state changes since the table was created.
 * @param openings       of those, to OPEN.
 * @param notPermitted   calls refused while OPEN or HALF_OPEN.
 * @param retriesRefused retries the budget refused.
 */
public record BreakerSnapshot(
    String name,
    BreakerState state,
    long retryAfterMs,
    long calls,
    long failures,
    long slowCalls,
    long transitions,
    long openings,
    long notPermitted,
    long retriesRefused)
{
}
