package io.procmesh.core.breaker;

/**
 * A circuit breaker's state, as Resilience4j names them.
 */
public enum BreakerState
{
    /** Calls go through; their outcomes fill the sliding window. */
    CLOSED,
    /** Calls fail at once until the wait time has passed. */
    OPEN,
    /** A bounded number of trial calls go through; their outcomes close or reopen the breaker. */
    HALF_OPEN;

    private static final BreakerState[] BY_CODE = values();

    /**
     * @param code the state word's two bits; 3, which no process writes, reads as HALF_OPEN, as the state machine
     *             treats it.
     */
    static BreakerState fromCode(final int code)
    {
        return BY_CODE[Math.min(code & 3, 2)];
    }
}
