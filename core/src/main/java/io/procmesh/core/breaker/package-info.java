/**
 * Circuit breakers whose state every process shares: {@link io.procmesh.core.breaker.BreakerTable} is a small
 * mapped file beside the registry, one fixed slot per breaker, and {@link io.procmesh.core.breaker.CircuitBreaker}
 * runs the CLOSED, OPEN, HALF_OPEN machine on it with compare-and-swap only, so every replica of a caller (and the
 * gateway, and a replica started later) sees one state, and a process killed mid-update leaves nothing locked.
 * Calls use them through {@code core.rpc}; nothing here knows about calls.
 */
package io.procmesh.core.breaker;
